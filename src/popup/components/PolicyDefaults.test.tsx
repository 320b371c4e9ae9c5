// @vitest-environment happy-dom
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivationRequest } from '../../core/pim-state.ts';
import { issueDeepLink, redeemForPage } from '../../platform/deep-links.ts';
import { listenForMessages } from '../../platform/messages.ts';
import { policiesItem } from '../../platform/pim-items.ts';
import { someHandlers } from '../../test-support/fake-browser-setup.ts';
import { cache, cleanup, configure, HOUR, item, mount, NOW } from '../test/popup-harness.tsx';

// The organisation's default duration (managed policy) and the address bar's link to one group's form.
const prod = item('SG-Prod-SQL-Admins', { groupId: 'g-prod' });
const VPN_ID = 'b3de7a2c-d5e7-4809-8495-0a1b2c3d4e11';
const vpn = item('SG-VPN-Users', { groupId: VPN_ID });
const needs = { maximumMinutes: 240, justification: false, ticket: false, mfa: false, approval: false };

beforeEach(async () => {
  await configure();
  await cache([prod, vpn]);
  await policiesItem.set({
    [prod.key]: { requirements: needs, fetchedAtMs: NOW },
    [vpn.key]: { requirements: needs, fetchedAtMs: NOW },
  });
});
afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('popup defaults from policy and links', () => {
  it('one-click activates for the organisation’s default duration when the user has no choice of their own', async () => {
    await fakeBrowser.storage.managed.set({ defaultDurationMinutes: 30 });
    const activate = vi.fn(async (_: ActivationRequest) => ({ status: 'active' as const, endMs: NOW + HOUR }));
    listenForMessages(someHandlers({ activate, refresh: () => undefined, redeemDeepLink: redeemForPage }));
    const m = await mount();
    // The form offers it too (the policy is read beside the first paint, so wait for it there).
    await m.click(m.button(m.row('SG-Prod-SQL-Admins'), 'Activation options for SG-Prod-SQL-Admins as member'));
    await vi.waitFor(() =>
      expect(m.row('SG-Prod-SQL-Admins').querySelector<HTMLSelectElement>('select[id$="durationMinutes"]')?.value).toBe(
        '30',
      ),
    );
    await m.click(m.button(m.row('SG-Prod-SQL-Admins'), 'Activate SG-Prod-SQL-Admins as member'));
    await vi.waitFor(() => expect(activate).toHaveBeenCalledTimes(1));
    expect(activate.mock.calls[0]?.[0]).toMatchObject({ groupId: 'g-prod', durationMinutes: 30 });
  });

  it('opens the linked group’s form with the reason focused, and sends nothing by itself', async () => {
    const link = await issueDeepLink(vpn.key);
    window.history.replaceState(null, '', `/src/popup/index.html?group=${VPN_ID}&access=member&link=${link}`);
    const activate = vi.fn();
    listenForMessages(someHandlers({ activate, refresh: () => undefined, redeemDeepLink: redeemForPage }));
    const m = await mount();
    const row = m.row('SG-VPN-Users');
    await vi.waitFor(() => expect(row.querySelector('form')).not.toBeNull());
    await vi.waitFor(() => expect(document.activeElement?.id).toMatch(/justification$/));
    expect(row.contains(document.activeElement)).toBe(true);
    expect(m.row('SG-Prod-SQL-Admins').querySelector('form')).toBeNull();
    expect(activate).not.toHaveBeenCalled();
  });

  it('opens no form for a link the extension did not make, and says so', async () => {
    const otherItemsLink = await issueDeepLink(prod.key);
    const activate = vi.fn();
    listenForMessages(someHandlers({ activate, refresh: () => undefined, redeemDeepLink: redeemForPage }));
    for (const query of [
      `?group=${VPN_ID}&access=member`, // another extension opened our page
      `?group=${VPN_ID}&access=member&link=${crypto.randomUUID()}`, // a token nobody issued
      `?group=${VPN_ID}&access=member&link=${otherItemsLink}`, // a token for another group
      '?group=g-vpn&access=member', // not a group id
    ]) {
      window.history.replaceState(null, '', `/src/popup/index.html${query}`);
      const m = await mount();
      await vi.waitFor(() => expect(m.root.querySelector('[data-deep-link="foreign"]')).not.toBeNull());
      expect(m.root.querySelector('[data-deep-link="foreign"]')?.textContent).toBe(
        'This page was opened by a link from outside the extension, so no activation form was opened. If you want to activate a group, choose it below.',
      );
      expect(m.root.querySelector('form')).toBeNull();
      expect(m.root.contains(document.activeElement)).toBe(false);
      m.unmount();
    }
    expect(activate).not.toHaveBeenCalled();
  });

  it('opens the form once per link: a reload or a replayed link is foreign', async () => {
    const link = await issueDeepLink(vpn.key);
    listenForMessages(someHandlers({ refresh: () => undefined, redeemDeepLink: redeemForPage }));
    window.history.replaceState(null, '', `/src/popup/index.html?group=${VPN_ID}&access=member&link=${link}`);
    const first = await mount();
    await vi.waitFor(() => expect(first.row('SG-VPN-Users').querySelector('form')).not.toBeNull());
    expect(first.root.querySelector('[data-deep-link]')).toBeNull();
    first.unmount();
    // The same URL in a new page (another query string makes this document a new page for the cache).
    window.history.replaceState(null, '', `/src/popup/index.html?access=member&group=${VPN_ID}&link=${link}`);
    const again = await mount();
    await vi.waitFor(() => expect(again.root.querySelector('[data-deep-link="foreign"]')).not.toBeNull());
    expect(again.root.querySelector('form')).toBeNull();
  });
});
