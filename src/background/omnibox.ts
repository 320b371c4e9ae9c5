import { activeAccount } from '../auth/accounts.ts';
import { ACCESS_LABEL } from '../core/access.ts';
import { listCollator } from '../core/list.ts';
import { chosenItem, type Suggestion, suggestionsFor } from '../core/omnibox.ts';
import type { GroupItem } from '../core/pim-state.ts';
import { issueDeepLink } from '../platform/deep-links.ts';
import { t } from '../platform/i18n.ts';
import { uiLanguage } from '../platform/locale.ts';
import { type Disposition, openExtensionPage, popupPath } from '../platform/omnibox.ts';
import { snapshotItem } from '../platform/pim-items.ts';

// "pim <group>" in the address bar: suggests eligible groups from the cached list (no network on
// each keystroke) and opens the popup's page with that group's activation form. It never
// activates: the user still reviews the form and clicks Activate.

/** The signed-in user's cached items; none when signed out or when the cache is another account's. */
async function cachedItems(): Promise<GroupItem[]> {
  const [snapshot, account] = await Promise.all([snapshotItem.get(), activeAccount()]);
  return snapshot && account && snapshot.accountId === account.id ? snapshot.items : [];
}

const collator = () => listCollator(uiLanguage());

export async function omniboxSuggestions(text: string): Promise<Suggestion[]> {
  return suggestionsFor(await cachedItems(), text, collator(), (access) => t(ACCESS_LABEL[access]));
}

/**
 * The page the omnibox opens: the popup with the chosen group's form, or the plain popup when
 * nothing matched. The one-time `link` token tells the page the link is ours (popup/deep-link.ts).
 */
export async function omniboxTarget(text: string): Promise<string> {
  const item = chosenItem(await cachedItems(), text, collator());
  if (!item) return popupPath();
  const link = await issueDeepLink(item.key);
  const query = new URLSearchParams({ group: item.groupId, access: item.accessId, link });
  return `${popupPath()}?${query}`;
}

export async function openFromOmnibox(text: string, disposition: Disposition): Promise<void> {
  await openExtensionPage(await omniboxTarget(text), disposition);
}
