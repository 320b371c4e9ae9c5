import type { GroupItem } from './pim-state.ts';

/**
 * Which list this is, by its content: the account and the items, not when they were read, so a
 * refresh that finds nothing new keeps the revision (and the popup's first screen, popup/list-head.ts,
 * stays usable). Items are hashed as validated (storage.ts writes and reads them so), in which form
 * their fields come in one order. SHA-256 (Web Crypto, in every extension context): no two lists
 * share a revision, so a first screen is never taken for another list's.
 */
export async function listRevision(accountId: string, items: readonly GroupItem[]): Promise<string> {
  const text = new TextEncoder().encode(JSON.stringify([accountId, items]));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', text));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
