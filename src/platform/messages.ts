import type { AccountSummary } from '../auth/protocol.ts';
import { defineChannel, type HandlersOf } from './channel.ts';

export interface BackgroundStatus {
  version: string;
  schemaVersion: number;
  /** Milliseconds since the epoch when this service-worker instance started. */
  workerStartedAt: number;
}

/**
 * Every message a page (popup, options) can send the background: name → request → response.
 * Adding a message means adding it here and giving the background a handler for it; the
 * compiler checks both ends.
 */
export interface AuthState {
  /** Tenant and client id are set (by the user or by policy). */
  configured: boolean;
  active?: AccountSummary;
  accounts: AccountSummary[];
  /** What the app registration must list as its SPA redirect URI. */
  redirectUri: string;
}

export interface MessageMap {
  getStatus: { request: undefined; response: BackgroundStatus };
  getAuthState: { request: undefined; response: AuthState };
  /** Opens Microsoft's sign-in; `select_account` to add or pick another account. */
  signIn: { request: { prompt?: 'select_account' }; response: AccountSummary };
  /** Forgets the account's tokens and its cached data. */
  signOut: { request: { accountId: string }; response: undefined };
  switchAccount: { request: { accountId: string }; response: undefined };
}

export type MessageName = keyof MessageMap;
export type Handlers = HandlersOf<MessageMap>;

const pages = defineChannel<MessageMap>('pages', { code: 'background-unavailable', message: 'backgroundUnavailable' });

/** Sends a typed message to the background. Never throws. */
export const sendMessage = pages.send;
/** The background's side. */
export const listenForMessages = pages.listen;
