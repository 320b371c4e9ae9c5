import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
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

  it('opens the popup page with the chosen group’s form, in a new tab when asked', async () => {
    expect(await omniboxTarget('g-1:member')).toBe('src/popup/index.html?group=g-1&access=member');
    expect(await omniboxTarget('help')).toBe('src/popup/index.html?group=g-3&access=member');
    expect(await omniboxTarget('no such group')).toBe('src/popup/index.html');
    await openFromOmnibox('g-2:owner', 'newForegroundTab');
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((t) => t.url)).toContain(fakeBrowser.runtime.getURL('src/popup/index.html?group=g-2&access=owner'));
  });
});
