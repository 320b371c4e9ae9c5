import { explainAuthError, needsInteraction, sessionEnded } from '../core/auth-errors.ts';
import { type Connection, isConfigured } from '../core/connection.ts';
import { formatList } from '../core/humanize-duration.ts';
import { AppError, type ErrorInfo } from '../core/result.ts';
import { readConnection } from '../platform/connection.ts';
import { t } from '../platform/i18n.ts';
import { launchWebAuthFlow, redirectUri } from '../platform/identity.ts';
import { uiLanguage } from '../platform/locale.ts';
import { cloudOrigins, hasCloudAccess } from '../platform/permissions.ts';
import { activeAccountId, rememberAccount } from './accounts.ts';
import { authHost } from './host-link.ts';
import { findRegistrationProblem } from './preflight.ts';
import type { AccessToken } from './protocol.ts';

// The background's way to get Graph tokens. Access tokens live in this worker's memory only
// (never in storage, logs or messages to pages); MSAL's refresh tokens stay in the auth host.

/** Renew a few minutes early so a token never expires between the check and Graph. */
const RENEW_MARGIN_MS = 5 * 60_000;

const memory = new Map<string, AccessToken>();
/**
 * Accounts whose sign-in Entra has ended (revoked, expired): MSAL would still hand out their cached
 * access tokens, which Graph refuses, so until an interactive sign-in succeeds nothing silent is tried.
 */
const ended = new Set<string>();
let interaction: Promise<AccessToken> | undefined;

export interface TokenOptions {
  /** A claims request (JSON), for step-up; tokens are cached per claim set. */
  claims?: string;
  /** Whether a sign-in window may open. Background refreshes pass false. */
  interactive?: boolean;
  prompt?: 'select_account' | 'login';
  /** Ignore cached tokens: Graph said the one we had is expired or revoked. */
  fresh?: boolean;
}

const cacheKey = (c: Connection, accountId: string, scopes: readonly string[], claims = '') =>
  [c.cloud, c.tenant, c.clientId, accountId, [...scopes].sort().join(' '), claims].join('|');

export async function requireConnection(): Promise<Connection> {
  const { connection } = await readConnection();
  if (!isConfigured(connection)) throw new AppError('not-configured', t('authNotConfigured'));
  if (!(await hasCloudAccess(connection.cloud))) {
    const hosts = cloudOrigins(connection.cloud).map((o) => new URL(o.replace('/*', '')).host);
    throw new AppError('cloud-permission', t('authCloudPermission', formatList(hosts, uiLanguage())));
  }
  return connection;
}

function explain(error: ErrorInfo, connection: Connection): AppError {
  const sentence = explainAuthError(error.code, error.message, { ...connection, redirectUri: redirectUri() });
  return new AppError(error.code, sentence ? t(sentence.key, ...sentence.substitutions) : error.message);
}

/** A Graph access token for the active account: from memory, silently from MSAL, or by signing in. */
export async function getAccessToken(scopes: readonly string[], options: TokenOptions = {}): Promise<AccessToken> {
  const connection = await requireConnection();
  const accountId = await activeAccountId();
  const key = cacheKey(connection, accountId, scopes, options.claims);
  if (options.fresh) {
    // Graph refused the token we had (expired, revoked): it must answer nobody again, not even a
    // later sign-in that would otherwise take it from memory and never reach Entra.
    memory.delete(cacheKey(connection, accountId, scopes));
    memory.delete(key);
  }
  // A prompt means the user asked for a window (another account): no cached token answers that.
  const cached = options.fresh || options.prompt || ended.has(accountId) ? undefined : memory.get(key);
  if (cached && cached.expiresOn - RENEW_MARGIN_MS > Date.now()) return cached;

  if (accountId && !options.prompt && !ended.has(accountId)) {
    const silent = await authHost().send('acquireSilent', {
      connection,
      scopes: [...scopes],
      accountId,
      ...(options.claims ? { claims: options.claims } : {}),
      ...(options.fresh ? { forceRefresh: true } : {}),
    });
    if (silent.ok) return keep(key, silent.value);
    if (sessionEnded(silent.error.code, silent.error.message)) {
      ended.add(accountId);
      forgetTokens(accountId);
    }
    if (!needsInteraction(silent.error.code, silent.error.message)) throw explain(silent.error, connection);
  }
  if (!options.interactive) throw new AppError('auth-required', t('authSignInRequired'));
  if (interaction) {
    // One sign-in window at a time; afterwards the silent path serves this caller too.
    await interaction.catch(() => undefined);
    const { prompt: _ignored, ...rest } = options;
    return getAccessToken(scopes, rest);
  }
  interaction = signInInteractively(connection, scopes, options).finally(() => {
    interaction = undefined;
  });
  const token = await interaction;
  ended.delete(token.account.id);
  return keep(cacheKey(connection, token.account.id, scopes, options.claims), token);
}

function keep(key: string, token: AccessToken): AccessToken {
  memory.set(key, token);
  return token;
}

async function signInInteractively(
  connection: Connection,
  scopes: readonly string[],
  options: TokenOptions,
): Promise<AccessToken> {
  const accountId = await activeAccountId();
  const begin = await authHost().send('beginInteractive', {
    connection,
    scopes: [...scopes],
    ...(accountId && !options.prompt ? { accountId } : {}),
    ...(options.claims ? { claims: options.claims } : {}),
    ...(options.prompt ? { prompt: options.prompt } : {}),
  });
  if (!begin.ok) throw explain(begin.error, connection);

  let responseUrl: string;
  try {
    responseUrl = await launchWebAuthFlow(begin.value.url, true);
  } catch (error) {
    await authHost().send('abortInteractive', { connection });
    if (error instanceof AppError && error.code === 'auth-cancelled') {
      // A closed window may have been showing an Entra error page: say what it was.
      const aadsts = await findRegistrationProblem(connection);
      if (aadsts) throw explain({ code: `aad:${aadsts}`, message: aadsts }, connection);
    }
    throw error;
  }
  const done = await authHost().send('completeInteractive', { connection, responseUrl });
  if (!done.ok) throw explain(done.error, connection);
  await rememberAccount(done.value.account);
  return done.value;
}

/** Drops every in-memory token of an account (sign-out) or of all accounts (settings changed). */
export function forgetTokens(accountId?: string): void {
  for (const [key, token] of memory) if (!accountId || token.account.id === accountId) memory.delete(key);
}
