import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { redeemDeepLink } from '../platform/deep-links.ts';
import { accountsItem } from '../platform/items.ts';
import { snapshotItem } from '../platform/pim-items.ts';
import { item } from '../test-support/group-items.ts';
import { omniboxSuggestions, omniboxTarget, openFromOmnibox } from './omnibox.ts';

const ADELE = { id: 'adele.tenant', username: 'adele@contoso.com', name: 'Adele Vance', tenantId: 'tenant' };

beforeEach(async () => {
  await accountsItem.set({ activeId: ADELE.id, known: [ADELE] });
  await snapshotItem.set({
    accountId: ADELE.id,
    fetchedAtMs: 0,
    items: [
      item('SG-Prod-SQL-Admins', { groupId: 'g-1' }),
      item('R&D <Lab>', { groupId: 'g-2', accessId: 'owner' }),
      item('Helpdesk Tier 2', { groupId: 'g-3' }),
    ],
  });
});

describe('the address bar keyword in the background', () => {
  it('suggests from the cached list, escaped for Chromium', async () => {
    expect(await omniboxSuggestions('lab')).toEqual([
      { content: 'g-2:owner', description: 'R&amp;D &lt;<match>Lab</match>&gt; <dim>· Owner</dim>' },
    ]);
  });

  it('suggests nothing from another account’s list or when signed out', async () => {
    await accountsItem.set({ activeId: '', known: [ADELE] });
    expect(await omniboxSuggestions('sg')).toEqual([]);
  });

  it('opens the popup page with the chosen group’s form and a one-time token, in a new tab when asked', async () => {
    const link = (target: string) => new URL(target, 'chrome-extension://id/').searchParams.get('link') ?? '';
    const first = await omniboxTarget('g-1:member');
    expect(first).toBe(`src/popup/index.html?group=g-1&access=member&link=${link(first)}`);
    expect(await redeemDeepLink(link(first), 'g-1:member')).toBe(true);
    const help = await omniboxTarget('help');
    expect(help).toBe(`src/popup/index.html?group=g-3&access=member&link=${link(help)}`);
    expect(link(help)).not.toBe(link(first));
    expect(await omniboxTarget('no such group')).toBe('src/popup/index.html');
    await openFromOmnibox('g-2:owner', 'newForegroundTab');
    const [url = ''] = (await fakeBrowser.tabs.query({})).map((t) => t.url ?? '').filter((u) => u.includes('g-2'));
    expect(url).toBe(fakeBrowser.runtime.getURL(`src/popup/index.html?group=g-2&access=owner&link=${link(url)}`));
    expect(await redeemDeepLink(link(url), 'g-2:owner')).toBe(true);
  });
});
