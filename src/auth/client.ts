import type { AccountSummary } from '../core/account.ts';
import { explainAuthError, needsInteraction } from '../core/auth-errors.ts';
import { requestedContexts } from '../core/claims.ts';
import { type Connection, isConfigured } from '../core/connection.ts';
import { formatList } from '../core/format/duration.ts';
import { AppError, type ErrorInfo, type Result } from '../core/result.ts';
import { thrownText } from '../core/thrown-text.ts';
import { readConnection } from '../platform/connection.ts';
import { t } from '../platform/i18n.ts';
import { launchWebAuthFlow, redirectUri } from '../platform/identity.ts';
import { uiLanguage } from '../platform/locale.ts';
import { cloudOrigins, hasCloudAccess } from '../platform/permissions.ts';
import { activeAccount, markSignInNeeded, rememberAccount } from './accounts.ts';
import { authHost } from './host-link.ts';
import { findRegistrationProblem } from './preflight.ts';
import type { AccessToken } from './protocol.ts';

// The background's way to get Graph tokens. Access tokens live in this worker's memory only
// (never in storage, logs or messages to pages); MSAL's refresh tokens stay in the auth host for
// that document's life; what lasts is Entra's own session cookie in the browser (getAccessToken).

/** Renew a few minutes early so a token never expires between the check and Graph. */
const RENEW_MARGIN_MS = 5 * 60_000;

const memory = new Map<string, AccessToken>();
/** Counts `forgetTokens` calls: a warm-up answered after one keeps nothing. */
let forgotten = 0;
/** Tokens MSAL had no cached copy of when a warm-up asked, until one is had: not asked on every popup. */
const notCached = new Set<string>();
let interaction: Promise<AccessToken> | undefined;

/**
 * MSAL runs one authorize flow at a time (a second gets `interaction_in_progress`), and a preset
 * asks for tokens for several groups at once. So there is at most one silent renewal (the others
 * wait for it, then read MSAL's cache) and at most one sign-in window; a window waits for a renewal
 * (a few seconds at most), but a renewal never waits for a window, which may stay open for hours:
 * it says a sign-in is under way instead.
 */
let renewal: Promise<Result<AccessToken>> | undefined;
const IN_PROGRESS = 'auth-in-progress';

export interface TokenOptions {
  /** A claims request (JSON), for step-up; tokens are cached per claim set. */
  claims?: string;
  /** Whether a sign-in window may open. Background refreshes pass false. */
  interactive?: boolean;
  prompt?: 'select_account' | 'login';
  /** Ignore cached tokens: Graph said the one we had is expired or revoked. */
  fresh?: boolean;
}

/** A token, and whether a sign-in window was shown to get it (at most one window per click). */
export type ObtainedToken = AccessToken & { viaWindow?: true };

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

function explain(error: ErrorInfo, connection: Connection, options: TokenOptions = {}): AppError {
  const sentence = explainAuthError(error.code, error.message, {
    ...connection,
    redirectUri: redirectUri(),
    authContexts: requestedContexts(options.claims),
  });
  return new AppError(error.code, sentence ? t(sentence.key, ...sentence.substitutions) : error.message);
}

/**
 * A Graph access token for the active account, from the first rung that can give one:
 * 1. this worker's memory;
 * 2. MSAL's cache and refresh token in the auth host (for that document's life: `host/msal.ts`);
 * 3. Entra's browser session, silently: the authorize request with `prompt=none` in a
 *    non-interactive `launchWebAuthFlow` — Microsoft's documented renewal for SPAs when the
 *    refresh token is gone or past its 24 hours, which users "usually don't even see";
 * 4. only for a user's click (`interactive`): one sign-in window.
 * When rungs 2–3 cannot work without the user, the account is marked as needing a sign-in and
 * background work stops asking Entra until the user signs in (`accounts.ts`).
 */
export async function getAccessToken(scopes: readonly string[], options: TokenOptions = {}): Promise<ObtainedToken> {
  const [connection, account] = await Promise.all([requireConnection(), activeAccount()]);
  const accountId = account?.id ?? '';
  const key = cacheKey(connection, accountId, scopes, options.claims);
  if (options.fresh) {
    // Graph refused the token we had (expired, revoked): it must answer nobody again, not even a
    // later sign-in that would otherwise take it from memory and never reach Entra.
    memory.delete(cacheKey(connection, accountId, scopes));
    memory.delete(key);
  }
  const ended = account?.signInNeeded === true;
  // A prompt means the user asked for a window (another account): no cached token answers that.
  const cached = options.fresh || options.prompt || ended ? undefined : memory.get(key);
  if (cached && cached.expiresOn - RENEW_MARGIN_MS > Date.now()) return cached;

  // Once the session has ended, only the user's own click tries Entra again (still silently first).
  if (account && !options.prompt && (!ended || options.interactive)) {
    const silent = await withoutWindow(connection, scopes, account, options);
    if (silent.ok) return keep(key, await signedIn(silent.value));
    const inProgress = silent.error.code === IN_PROGRESS;
    if (inProgress && !options.interactive) throw new AppError(IN_PROGRESS, silent.error.message);
    if (!inProgress && !needsInteraction(silent.error.code, silent.error.message))
      throw explain(silent.error, connection, options);
    // Entra has no session for this account (or only someone else's). A step-up the session cannot
    // give silently (MFA, a context) is not that: the sign-in itself still stands.
    if (!options.interactive && (!options.claims || noSession(silent.error))) {
      forgetTokens(accountId);
      await markSignInNeeded(accountId);
      throw new AppError('auth-session-ended', t('authSessionEnded'));
    }
  }
  if (!options.interactive) {
    if (ended) throw new AppError('auth-session-ended', t('authSessionEnded'));
    throw new AppError('auth-required', t('authSignInRequired'));
  }
  if (interaction) {
    // One sign-in window at a time; afterwards the silent path serves this caller too.
    await interaction.catch(() => undefined);
    const { prompt: _ignored, ...rest } = options;
    return getAccessToken(scopes, rest);
  }
  interaction = (async () => {
    await renewal?.catch(() => undefined);
    return signInInteractively(connection, scopes, options);
  })().finally(() => {
    interaction = undefined;
  });
  const token = await interaction;
  keep(cacheKey(connection, token.account.id, scopes, options.claims), token);
  return { ...token, viaWindow: true };
}

/**
 * Rungs 2 and 3: MSAL's cache and refresh token, then Entra's browser session through
 * `prompt=none`. Used on a missing or unreadable cache (browser restart, auth host closed), an
 * expired SPA refresh token (AADSTS700084), `no_tokens_found`, and from alarms and polls alike.
 */
async function withoutWindow(
  connection: Connection,
  scopes: readonly string[],
  account: AccountSummary,
  options: TokenOptions,
): Promise<Result<AccessToken>> {
  const request = { connection, scopes: [...scopes], ...(options.claims ? { claims: options.claims } : {}) };
  if (!account.signInNeeded) {
    const silent = await authHost().send('acquireSilent', {
      ...request,
      accountId: account.id,
      ...(options.fresh ? { forceRefresh: true } : {}),
    });
    if (silent.ok || !needsInteraction(silent.error.code, silent.error.message)) return silent;
  }
  if (interaction) return { ok: false, error: { code: IN_PROGRESS, message: t('authInProgress') } };
  if (renewal) {
    // Another caller is renewing from the session: once it is done, MSAL's cache may answer.
    const shared = await renewal;
    return shared.ok ? authHost().send('acquireSilent', { ...request, accountId: account.id }) : shared;
  }
  renewal = renewFromSession(connection, request, account).finally(() => {
    renewal = undefined;
  });
  return renewal;
}

/** The silent rung: Entra's browser session through `prompt=none`, with no window. */
async function renewFromSession(
  connection: Connection,
  request: { connection: Connection; scopes: string[]; claims?: string },
  account: AccountSummary,
): Promise<Result<AccessToken>> {
  const begin = await authHost().send('beginInteractive', { ...request, prompt: 'none', loginHint: account.username });
  if (!begin.ok) return begin;
  let responseUrl: string;
  try {
    responseUrl = await launchWebAuthFlow(begin.value.url, false);
  } catch (error) {
    await authHost().send('abortInteractive', { connection });
    // A page that would need the user, or the silent timeout, means a sign-in to do; a page that
    // could not load (offline) is not an ended session and keeps its own sentence.
    const message = thrownText(error);
    if (/could not be loaded/i.test(message)) return { ok: false, error: { code: 'auth-window-failed', message } };
    return { ok: false, error: { code: 'interaction_required', message } };
  }
  const done = await authHost().send('completeInteractive', { connection, responseUrl });
  // Entra answered for whoever its session belongs to: only the same person counts.
  if (done.ok && done.value.account.id !== account.id) {
    return { ok: false, error: { code: 'login_required', message: 'The browser session is another account’s.' } };
  }
  return done;
}

/** Entra has no browser session for the account: `login_required` (AADSTS50058), or another account's (AADSTS16000). */
const noSession = (error: ErrorInfo) => error.code === 'login_required' || /AADSTS(50058|16000)\b/.test(error.message);

/** A token was had: the account's sign-in is current again, and its summary (names, object id) up to date. */
async function signedIn(token: AccessToken): Promise<AccessToken> {
  await rememberAccount(token.account, { keepActive: true });
  return token;
}

function keep(key: string, token: AccessToken): AccessToken {
  memory.set(key, token);
  notCached.delete(key);
  return token;
}

async function signInInteractively(
  connection: Connection,
  scopes: readonly string[],
  options: TokenOptions,
): Promise<AccessToken> {
  const account = await activeAccount();
  const begin = await authHost().send('beginInteractive', {
    connection,
    scopes: [...scopes],
    // The same person again (a step-up, an ended session): Entra pre-fills them; a prompt asks for anyone.
    ...(account && options.prompt !== 'select_account' ? { accountId: account.id, loginHint: account.username } : {}),
    ...(options.claims ? { claims: options.claims } : {}),
    ...(options.prompt ? { prompt: options.prompt } : {}),
  });
  if (!begin.ok) throw explain(begin.error, connection, options);

  let responseUrl: string;
  try {
    responseUrl = await launchWebAuthFlow(begin.value.url, true);
  } catch (error) {
    await authHost().send('abortInteractive', { connection });
    if (error instanceof AppError && error.code === 'auth-cancelled') {
      // A closed window may have been showing an Entra error page: say what it was.
      const aadsts = await findRegistrationProblem(connection);
      if (aadsts) throw explain({ code: `aad:${aadsts}`, message: aadsts }, connection, options);
    }
    throw error;
  }
  const done = await authHost().send('completeInteractive', { connection, responseUrl });
  if (!done.ok) throw explain(done.error, connection, options);
  await rememberAccount(done.value.account);
  return done.value;
}

/**
 * Puts the active account's token for `scopes` in this worker's memory ahead of a click that will
 * need it, when MSAL holds an unexpired one: a restarted worker's memory is empty, and the click
 * would otherwise wait for the auth host. Nothing more: no request to Entra (a user who never
 * activated has not consented to the write scope, and a renewal per popup opened would be a request
 * nobody asked for), no window, no mark on the account; what fails is left for the click.
 */
export async function warmToken(scopes: readonly string[]): Promise<void> {
  const connection = await requireConnection().catch(() => undefined);
  const account = await activeAccount();
  if (!connection || !account || account.signInNeeded) return;
  const key = cacheKey(connection, account.id, scopes);
  const cached = memory.get(key);
  if ((cached && cached.expiresOn - RENEW_MARGIN_MS > Date.now()) || notCached.has(key)) return;
  const generation = forgotten;
  const silent = await authHost().send('acquireSilent', {
    connection,
    scopes: [...scopes],
    accountId: account.id,
    cacheOnly: true,
  });
  if (!silent.ok) {
    notCached.add(key);
    return;
  }
  // Signed out, switched or reconfigured meanwhile: the token is no longer the one to keep.
  if (generation === forgotten && silent.value.account.id === (await activeAccount())?.id) keep(key, silent.value);
}

/** Drops every in-memory token of an account (sign-out) or of all accounts (settings changed). */
export function forgetTokens(accountId?: string): void {
  forgotten++;
  notCached.clear();
  for (const [key, token] of memory) if (!accountId || token.account.id === accountId) memory.delete(key);
}
