import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { notificationSettingsItem, STALE_ACCESS_OPT_OUTS_MAX } from '../platform/notification-items.ts';
import { optOutOfStaleAccess } from './notification-actions.ts';

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
