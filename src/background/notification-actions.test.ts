import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { notificationSettingsItem, STALE_ACCESS_OPT_OUTS_MAX } from '../platform/notification-items.ts';
import { reactivationsItem } from '../platform/pim-items.ts';
import { onNotificationButton, onNotificationClick, optOutOfStaleAccess } from './notification-actions.ts';

describe("Don't ask for this group", () => {
  it('remembers the group once', async () => {
    await optOutOfStaleAccess('g1/member');
    await optOutOfStaleAccess('g1/member');
    expect((await notificationSettingsItem.get()).staleAccessOptOut).toEqual(['g1/member']);
  });

  it('forgets the oldest choice when the list is full, instead of failing to save', async () => {
    const full = Array.from({ length: STALE_ACCESS_OPT_OUTS_MAX }, (_, i) => `g${i}/member`);
    await notificationSettingsItem.set({ ...(await notificationSettingsItem.get()), staleAccessOptOut: full });
    await optOutOfStaleAccess('new/owner');
    const saved = (await notificationSettingsItem.get()).staleAccessOptOut;
    expect(saved).toHaveLength(STALE_ACCESS_OPT_OUTS_MAX);
    expect(saved[0]).toBe('g1/member');
    expect(saved.at(-1)).toBe('new/owner');
  });

  it('stores nothing when the organisation sets the suggestion (a notification from before the policy)', async () => {
    await fakeBrowser.storage.managed.set({ notifications: { staleAccess: true } });
    await optOutOfStaleAccess('g1/member');
    expect((await notificationSettingsItem.get()).staleAccessOptOut).toEqual([]);
  });
});

describe('a click on a notification', () => {
  it('opens the popup for any of our notifications (Firefox has no buttons) and clears only that one', async () => {
    const created: string[] = [];
    fakeBrowser.tabs.onCreated.addListener((tab) => void created.push(tab.url ?? ''));
    const cleared: string[] = [];
    const clear = vi.spyOn(fakeBrowser.notifications, 'clear').mockImplementation(async (id: string) => {
      cleared.push(id);
      return true;
    });
    await onNotificationClick('expiring:3f1c9a52-7b4e-4d2a-9c8f-1e6b5a4d3c21:member:1764950400000');
    expect(created).toEqual([expect.stringMatching(/\/src\/popup\/index\.html$/)]);
    expect(cleared).toEqual(['expiring:3f1c9a52-7b4e-4d2a-9c8f-1e6b5a4d3c21:member:1764950400000']);
    clear.mockRestore();
  });

  // Nothing watched runs: the activation it warned about ended (or another account is signed in).
  it('on a warning out of date, "Re-activate when it ends" queues nothing and opens the popup instead', async () => {
    const created: string[] = [];
    fakeBrowser.tabs.onCreated.addListener((tab) => void created.push(tab.url ?? ''));
    const id = 'expiring:3f1c9a52-7b4e-4d2a-9c8f-1e6b5a4d3c21:member:1764950400000';
    await fakeBrowser.notifications.create(id, { type: 'basic', iconUrl: 'i.png', title: 't', message: 'm' });
    await onNotificationButton(id, 0);
    expect(created).toEqual([expect.stringMatching(/\/src\/popup\/index\.html$/)]);
    expect(await reactivationsItem.get()).toEqual({});
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([]);
  });
});
