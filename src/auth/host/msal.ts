import {
  type AccountInfo,
  AuthError,
  type AuthenticationResult,
  BrowserCacheLocation,
  InteractionRequiredAuthError,
  LogLevel,
  PublicClientApplication,
} from '@azure/msal-browser';
import type { AccountSummary } from '../../core/account.ts';
import { authorityUrl, CLOUDS, type Connection } from '../../core/connection.ts';
import { AppError } from '../../core/result.ts';
import { redirectUri } from '../../platform/identity.ts';
import { log } from '../../platform/log.ts';
import type { AccessToken } from '../protocol.ts';

// One MSAL application per (cloud, tenant, client id). Its token cache lives in this document's
// sessionStorage, so it lasts exactly as long as this document and no longer:
// - localStorage would look persistent but is not: MSAL 4+ encrypts it with a key held in a session
//   cookie, `document.cookie` does not work on extension pages, so the key lives in memory and the
//   cache becomes unreadable (and is wiped) once this document closes — browser restart, extension
//   update, Chromium's housekeeping (AzureAD/microsoft-authentication-library-for-js#7975);
// - memoryStorage would say the same plainly, but MSAL refuses redirect flows with it
//   (`in_mem_redirect_unavailable`), and the redirect flow is how launchWebAuthFlow signs in.
// What lasts is Entra's own session in the browser: the background renews from it with
// prompt=none (auth/client.ts).

interface Instance {
  pca: PublicClientApplication;
  /** Set by `onRedirectNavigate`: the authorize URL MSAL would have navigated to. */
  capturedUrl?: string;
}

const instances = new Map<string, Promise<Instance>>();

const keyOf = (c: Connection) => `${c.cloud}|${c.tenant}|${c.clientId}`;

export function instanceFor(connection: Connection): Promise<Instance> {
  const key = keyOf(connection);
  let instance = instances.get(key);
  if (!instance) {
    instance = create(connection);
    instances.set(key, instance);
    instance.catch(() => instances.delete(key));
  }
  return instance;
}

async function create(connection: Connection): Promise<Instance> {
  const instance: Partial<Instance> = {};
  const pca = new PublicClientApplication({
    auth: {
      clientId: connection.clientId,
      authority: authorityUrl(connection),
      redirectUri: redirectUri(),
      postLogoutRedirectUri: redirectUri(),
      // CP1: we can answer claims challenges, so Entra may send them (continuous access evaluation).
      clientCapabilities: ['CP1'],
      // Never navigate this hidden document: hand the URL to the background's launchWebAuthFlow.
      onRedirectNavigate: (url) => {
        instance.capturedUrl = url;
        return false;
      },
    },
    cache: { cacheLocation: BrowserCacheLocation.SessionStorage },
    system: {
      loggerOptions: {
        logLevel: LogLevel.Warning,
        piiLoggingEnabled: false,
        loggerCallback: (level, message) => {
          if (level <= LogLevel.Warning) log.warn('msal', message);
        },
      },
    },
  });
  await pca.initialize();
  instance.pca = pca;
  return instance as Instance;
}

export function summarise(account: AccountInfo): AccountSummary {
  const loginHint = account.idTokenClaims?.login_hint;
  return {
    id: account.homeAccountId,
    username: account.username,
    name: account.name ?? account.username,
    tenantId: account.tenantId,
    // The id token's `oid`: the user in the tenant signed in to (for a B2B guest, not the home id).
    ...(account.localAccountId ? { objectId: account.localAccountId } : {}),
    ...(typeof loginHint === 'string' && loginHint ? { loginHint } : {}),
  };
}

export function toAccessToken(result: AuthenticationResult): AccessToken {
  if (!result.account) throw new AppError('msal:no_account', 'Sign-in returned no account.');
  return {
    token: result.accessToken,
    expiresOn: result.expiresOn?.getTime() ?? Date.now(),
    scopes: result.scopes,
    account: summarise(result.account),
  };
}

/** Graph scopes are requested with their resource, as Entra expects for a non-default resource. */
export function qualifiedScopes(connection: Connection, scopes: string[]): string[] {
  const graph = CLOUDS[connection.cloud].graphHost;
  return scopes.map((s) => (s.includes('/') ? s : `${graph}/${s}`));
}

/** MSAL errors as codes the background can turn into sentences; the text keeps Entra's AADSTS code. */
export function hostError(error: unknown): AppError {
  if (error instanceof InteractionRequiredAuthError) {
    return new AppError('interaction_required', error.errorMessage || error.message);
  }
  if (error instanceof AuthError) {
    const aadsts = /AADSTS\d+/.exec(error.errorMessage)?.[0];
    const code = aadsts ? `aad:${aadsts}` : `msal:${error.errorCode}`;
    return new AppError(code, error.errorMessage || error.errorCode);
  }
  return error instanceof AppError ? error : new AppError('msal:unknown', String(error));
}
