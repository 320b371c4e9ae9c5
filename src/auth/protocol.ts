import type { AccountSummary } from '../core/account.ts';
import type { Connection } from '../core/connection.ts';

/** An access token, held in the background's memory only. */
export interface AccessToken {
  token: string;
  /** Epoch milliseconds. */
  expiresOn: number;
  scopes: string[];
  account: AccountSummary;
}

export interface TokenRequest {
  connection: Connection;
  /** Graph scopes without the resource prefix, e.g. "User.Read". */
  scopes: string[];
  /** A claims request (JSON), e.g. from a claims challenge or an authentication-context policy. */
  claims?: string;
  accountId?: string;
  /** Skip MSAL's cached access token (e.g. Graph rejected it as expired or revoked). */
  forceRefresh?: boolean;
  /** MSAL's unexpired cached access token only: no request to Entra (client.ts, `warmToken`). */
  cacheOnly?: boolean;
}

/**
 * Background → auth host (the offscreen document that runs MSAL). The token leaves the host only
 * as the reply to the service worker's own request: Chromium delivers a reply to its sender alone.
 */
export interface AuthHostMap {
  acquireSilent: { request: TokenRequest; response: AccessToken };
  /** Prepares an interactive sign-in and returns the authorize URL for `launchWebAuthFlow`. */
  /** Also the silent rung: `prompt: 'none'`, opened with a non-interactive launchWebAuthFlow. */
  beginInteractive: {
    request: TokenRequest & { prompt?: 'select_account' | 'login' | 'none'; loginHint?: string };
    response: { url: string };
  };
  /** Redeems the URL `launchWebAuthFlow` returned (code in its fragment). */
  completeInteractive: { request: { connection: Connection; responseUrl: string }; response: AccessToken };
  /** Clears MSAL's "interaction in progress" state after a cancelled sign-in. */
  abortInteractive: { request: { connection: Connection }; response: undefined };
  listAccounts: { request: { connection: Connection }; response: AccountSummary[] };
  /** Removes the account's tokens from MSAL's cache. */
  forgetAccount: { request: { connection: Connection; accountId: string }; response: undefined };
}

/** Error codes the host returns; the background turns them into sentences. */
export const AUTH_HOST_ERRORS = {
  interactionRequired: 'interaction_required',
  /** Followed by ":AADSTS<n>" or ":<oauth error>". */
  server: 'aad',
  msal: 'msal',
} as const;
