import { isGuid } from '../core/connection.ts';
import { itemKey } from '../core/pim-state.ts';
import { sendMessage } from '../platform/messages.ts';
import type { Expanded } from './useActions.ts';

/** A well-formed deep link in the page's query: the item (a GUID group id) and its token, if any. */
export function deepLinkOf(search: string): { key: string; token: string } | null {
  const params = new URLSearchParams(search);
  const group = params.get('group')?.toLowerCase();
  const access = params.get('access');
  if (!group || !isGuid(group) || (access !== 'member' && access !== 'owner')) return null;
  return { key: itemKey(group, access), token: params.get('link') ?? '' };
}

export type DeepLink =
  /** No `?group=`, or not a well-formed one. */
  | { kind: 'none' }
  /** Our own address bar keyword opened it: the item's form, focused on the reason. */
  | { kind: 'ours'; expanded: Expanded }
  /** Someone else did (another extension, a replayed or expired link): no form, and the page says so. */
  | { kind: 'foreign' };

// Loaded with the intents chunk, after the first paint (useActions.ts `useDeepLink`): a link is
// rare, and every popup open would otherwise pay for this and its storage item.

/**
 * What the popup's page does with `?group=<id>&access=member|owner&link=<token>`. Only a token
 * the background issued (platform/deep-links.ts) opens the form; it never activates anything, and
 * the user still clicks Activate.
 */
export async function resolveDeepLink(search: string): Promise<DeepLink> {
  if (!new URLSearchParams(search).has('group')) return { kind: 'none' };
  const link = deepLinkOf(search);
  if (!link?.token) return { kind: 'foreign' };
  // Spent by the background, which issues tokens too: one queue for the key (storage.ts `update`).
  const ours = await sendMessage('redeemDeepLink', { token: link.token, key: link.key });
  return ours.ok && ours.value
    ? { kind: 'ours', expanded: { key: link.key, focus: 'justification' } }
    : { kind: 'foreign' };
}

let pageLink: { search: string; link: Promise<DeepLink> } | undefined;

/** This page's deep link, resolved once per query (the token is spent by the first read). */
export function pageDeepLink(): Promise<DeepLink> {
  if (pageLink?.search !== location.search)
    pageLink = { search: location.search, link: resolveDeepLink(location.search) };
  return pageLink.link;
}
