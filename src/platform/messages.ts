import type { AccountSummary } from '../core/account.ts';
import type { AccessId, ActivationOutcome, ActivationRequest } from '../core/pim-state.ts';
import type { ActivationRequirements } from '../core/policy.ts';
import { defineChannel, type HandlersOf } from './channel.ts';
import type { NotificationSettings } from './managed-settings.ts';

export interface BackgroundStatus {
  version: string;
  schemaVersion: number;
  /** Milliseconds since the epoch when this service-worker instance started. */
  workerStartedAt: number;
}

/** What the pages know of the sign-in: configured or not, and the accounts (names only). */
export interface AuthState {
  /** Tenant and client id are set (by the user or by policy). */
  configured: boolean;
  active?: AccountSummary;
  accounts: AccountSummary[];
  /** What the app registration must list as its SPA redirect URI. */
  redirectUri: string;
}

/**
 * Every message a page (popup, options) can send the background: name → request → response.
 * Adding a message means adding it here and giving the background a handler for it; the
 * compiler checks both ends.
 */
export interface MessageMap {
  getStatus: { request: undefined; response: BackgroundStatus };
  getAuthState: { request: undefined; response: AuthState };
  /** Opens Microsoft's sign-in; `select_account` to add or pick another account. */
  signIn: { request: { prompt?: 'select_account' }; response: AccountSummary };
  /** Forgets the account's tokens and its cached data. */
  signOut: { request: { accountId: string }; response: undefined };
  switchAccount: { request: { accountId: string }; response: undefined };
  /** Re-reads eligibilities, active assignments and requests; the result arrives through storage. */
  refresh: { request: { force?: boolean }; response: undefined };
  /** The group's policy for that access (cached), for the activation form. */
  getRequirements: { request: { groupId: string; accessId: AccessId }; response: ActivationRequirements };
  /** Activates; the popup may close meanwhile (progress and outcome also go to storage). */
  activate: { request: ActivationRequest; response: ActivationOutcome };
  deactivate: { request: { groupId: string; accessId: AccessId }; response: undefined };
  cancelRequest: { request: { groupId: string; accessId: AccessId; requestId: string }; response: undefined };
  /** Removes a failed operation's message from the item. */
  dismiss: { request: { key: string }; response: undefined };
  /**
   * Activates every entry of a preset (the user's or the organisation's) in parallel, each with its
   * own policy; "already active" counts as done. Progress and results also go to `session:presetRuns`.
   * `presetRef` names the list as well as the id (`org:<id>` or `mine:<id>`, core/presets/ref.ts):
   * the organisation's preset and the user's may share an id.
   */
  applyPreset: { request: { presetRef: string; ticketNumber?: string }; response: PresetRun };
  /** Drops the re-activation queued for the item's end (shown on its row in the popup). */
  cancelReactivation: { request: { key: string }; response: undefined };
  // Keys the background writes are written only there, through their one queue (storage.ts
  // `update`): a page asks instead, so its write can never undo one the background made meanwhile.
  /** Empties the activation history (options page). */
  clearHistory: { request: undefined; response: undefined };
  /** Stores the given fields of the user's notification choices (the background adds opt-outs). */
  saveNotificationSettings: { request: Partial<NotificationSettings>; response: undefined };
  /** Spends a deep link's one-time token: true once, for a token issued for this item within its lifetime. */
  redeemDeepLink: { request: { token: string; key: string }; response: boolean };
}

export interface PresetRun {
  /** `org:<id>` or `mine:<id>` (core/presets/ref.ts). */
  presetRef: string;
  running: boolean;
  results: Array<{ groupId: string; accessId: AccessId; ok: boolean; status?: string; message?: string }>;
  finishedAtMs?: number;
}

export type MessageName = keyof MessageMap;
export type Handlers = HandlersOf<MessageMap>;

const pages = defineChannel<MessageMap>('pages', { code: 'background-unavailable', message: 'backgroundUnavailable' });

/** Sends a typed message to the background. Never throws. */
export const sendMessage = pages.send;
/** The background's side. */
export const listenForMessages = pages.listen;
