// One-time tokens that mark a deep link into the popup's page (`?group=…&access=…&link=<token>`)
// as ours. Any other extension, even one with no permissions, can open our popup page with
// `?group=…`; it cannot read our `storage.session` (trusted contexts only), so it cannot make a
// token. The page opens the form only for a token it redeems here, once, for that item, soon.
import * as v from 'valibot';
import { defineItem } from './storage.ts';

/** Long enough for a slow tab to open; a token is spent at the first read anyway. */
export const DEEP_LINK_LIFETIME_MS = 60_000;

/** `{ [token]: { key, atMs } }`: the item each unspent token opens, and when it was issued. */
export const deepLinksItem = defineItem({
  key: 'session:deepLinks',
  area: 'session',
  schema: v.record(v.string(), v.object({ key: v.pipe(v.string(), v.maxLength(200)), atMs: v.number() })),
  fallback: {},
});

const fresh = (atMs: number, nowMs: number) => nowMs - atMs >= 0 && nowMs - atMs < DEEP_LINK_LIFETIME_MS;

/** A token for a link that opens this item's form (background: the address bar keyword). */
export async function issueDeepLink(key: string, nowMs = Date.now()): Promise<string> {
  const token = crypto.randomUUID();
  await deepLinksItem.update((stored) => {
    const kept = Object.fromEntries(Object.entries(stored).filter(([, link]) => fresh(link.atMs, nowMs)));
    return { ...kept, [token]: { key, atMs: nowMs } };
  });
  return token;
}

/** True once for a token issued for this item within the lifetime; the token is spent either way. */
export async function redeemDeepLink(token: string, key: string, nowMs = Date.now()): Promise<boolean> {
  // Spent through the key's queue: two pages redeeming one token at once cannot both have it.
  let link: { key: string; atMs: number } | undefined;
  await deepLinksItem.update((stored) => {
    link = Object.hasOwn(stored, token) ? stored[token] : undefined;
    const { [token]: _spent, ...rest } = stored;
    return rest;
  });
  return link !== undefined && link.key === key && fresh(link.atMs, nowMs);
}

/** The background's answer to a page's `redeemDeepLink` message: anything but two strings is no token of ours. */
export function redeemForPage(request: { token: string; key: string }): Promise<boolean> {
  const { token, key } = (request ?? {}) as Partial<Record<'token' | 'key', unknown>>;
  return typeof token === 'string' && typeof key === 'string' ? redeemDeepLink(token, key) : Promise.resolve(false);
}
