// @vitest-environment happy-dom
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivationRequest } from '../../core/pim-state.ts';
import { listenForMessages } from '../../platform/messages.ts';
import { policiesItem } from '../../platform/pim-items.ts';
import { someHandlers } from '../../test-support/fake-browser-setup.ts';
import { cache, cleanup, configure, HOUR, item, mount, NOW } from '../test/popup-harness.tsx';

// The organisation's default duration (managed policy) and the address bar's link to one group's form.
const prod = item('SG-Prod-SQL-Admins', { groupId: 'g-prod' });
const vpn = item('SG-VPN-Users', { groupId: 'g-vpn' });
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
    listenForMessages(someHandlers({ activate, refresh: () => undefined }));
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
    window.history.replaceState(null, '', '/src/popup/index.html?group=g-vpn&access=member');
    const activate = vi.fn();
    listenForMessages(someHandlers({ activate, refresh: () => undefined }));
    const m = await mount();
    const row = m.row('SG-VPN-Users');
    await vi.waitFor(() => expect(row.querySelector('form')).not.toBeNull());
    await vi.waitFor(() => expect(document.activeElement?.id).toMatch(/justification$/));
    expect(row.contains(document.activeElement)).toBe(true);
    expect(m.row('SG-Prod-SQL-Admins').querySelector('form')).toBeNull();
    expect(activate).not.toHaveBeenCalled();
  });
});
