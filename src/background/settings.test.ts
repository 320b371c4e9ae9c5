import { afterEach, describe, expect, it, vi } from 'vitest';
import { notificationSettingsItem } from '../platform/notification-items.ts';
import { optOutOfStaleAccess } from './notification-actions.ts';
import { saveNotificationSettings } from './settings.ts';

const refused = { code: 'invalid-request', message: expect.stringMatching(/does not recognise/) };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('notification settings a page sends the background', () => {
  it('stores the fields sent and keeps an opt-out the background added meanwhile', async () => {
    await Promise.all([
      optOutOfStaleAccess('g-1:member'),
      saveNotificationSettings({ expiring: false }),
      saveNotificationSettings({ expiringLeadMinutes: 30 }),
    ]);
    expect(await notificationSettingsItem.get()).toEqual({
      ...notificationSettingsItem.fallback,
      expiring: false,
      expiringLeadMinutes: 30,
      staleAccessOptOut: ['g-1:member'],
    });
  });

  it('refuses fields it does not know, and values the key cannot hold, storing nothing', async () => {
    for (const patch of [null, [], 'expiring', { expiring: false, token: 'x' }]) {
      await expect(saveNotificationSettings(patch as never)).rejects.toThrow(expect.objectContaining(refused));
    }
    await expect(saveNotificationSettings({ appUrl: 'http://intranet' })).rejects.toThrow(/refusing to write/);
    await expect(saveNotificationSettings({ expiringLeadMinutes: 0 })).rejects.toThrow(/refusing to write/);
    expect(await notificationSettingsItem.get()).toEqual(notificationSettingsItem.fallback);
  });
});
