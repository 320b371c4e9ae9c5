import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import schema from '../../public/managed-schema.json' with { type: 'json' };
import { historyRetentionItem } from './history-items.ts';
import {
  managedDefaultDurationItem,
  managedNotificationsItem,
  mergeNotificationSettings,
  readHistoryRetention,
  readNotificationSettings,
  staleAccessPrompt,
} from './managed-settings.ts';
import { notificationSettingsItem } from './notification-items.ts';

describe('settings the organisation manages', () => {
  it('leaves everything to the user without a policy', async () => {
    await notificationSettingsItem.set({ ...notificationSettingsItem.fallback, ended: false });
    const { value, locked } = await readNotificationSettings();
    expect(value.ended).toBe(false);
    expect(locked.size).toBe(0);
    expect(await readHistoryRetention()).toEqual({ value: 90, locked: new Set() });
    expect(await managedDefaultDurationItem.get()).toBeUndefined();
  });

  it('honours every notification setting the managed schema documents, and the schema documents every one', async () => {
    // Chromium's policy test page passes keys the schema does not declare, so the e2e tests cannot
    // catch a setting missing from public/managed-schema.json: this does.
    const documented = schema.properties.notifications.properties as Record<string, { type: string }>;
    const sample = { boolean: false, integer: 30, string: 'https://myapps.microsoft.com/' } as Record<string, unknown>;
    await fakeBrowser.storage.managed.set({
      notifications: Object.fromEntries(Object.entries(documented).map(([key, { type }]) => [key, sample[type]])),
    });
    const { locked } = await readNotificationSettings();
    const userOnly = ['staleAccessOptOut'];
    const settings = Object.keys(notificationSettingsItem.fallback).filter((key) => !userOnly.includes(key));
    expect([...locked].sort()).toEqual(Object.keys(documented).sort());
    expect(Object.keys(documented).sort()).toEqual(settings.sort());
  });

  it('puts the policy’s notification fields over the user’s and locks just those', async () => {
    await notificationSettingsItem.set({ ...notificationSettingsItem.fallback, approval: false, expiring: false });
    await fakeBrowser.storage.managed.set({ notifications: { approval: true, expiringLeadMinutes: 30 } });
    const { value, locked } = await readNotificationSettings();
    expect(value).toMatchObject({ approval: true, expiring: false, expiringLeadMinutes: 30 });
    expect([...locked].sort()).toEqual(['approval', 'expiringLeadMinutes']);
  });

  it('ignores an invalid field with a logged reason, and keeps the valid ones', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.managed.set({
      notifications: { ended: false, expiringLeadMinutes: 500, approval: 'yes' },
      defaultDurationMinutes: 2,
      historyRetentionDays: 45,
    });
    const { value, locked } = await readNotificationSettings();
    expect([...locked]).toEqual(['ended']);
    expect(value.expiringLeadMinutes).toBe(10);
    expect(await managedDefaultDurationItem.get()).toBeUndefined();
    expect((await readHistoryRetention()).locked.size).toBe(0);
    const logged = warn.mock.calls.map(([line]) => String(line));
    expect(logged).toEqual(
      expect.arrayContaining([
        expect.stringContaining('notifications repaired: approval reset to default (expected boolean, got string(3))'),
        expect.stringContaining('notifications repaired: expiringLeadMinutes reset to default'),
        expect.stringContaining('defaultDurationMinutes repaired: (root) reset to default'),
        expect.stringContaining('historyRetentionDays repaired: (root) reset to default'),
      ]),
    );
  });

  it('ignores a notifications policy that is not an object, as a whole', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.managed.set({ notifications: 'all' });
    expect(await managedNotificationsItem.get()).toBeUndefined();
  });

  it('takes retention and default duration from the policy when valid', async () => {
    await historyRetentionItem.set(365);
    await fakeBrowser.storage.managed.set({ historyRetentionDays: 30, defaultDurationMinutes: 120 });
    expect(await readHistoryRetention()).toEqual({ value: 30, locked: new Set(['days']) });
    expect(await managedDefaultDurationItem.get()).toBe(120);
  });
});

describe('the stale-access prompt for one group', () => {
  const own = { ...notificationSettingsItem.fallback, staleAccessOptOut: ['g:member'] };
  const prompt = (mine: typeof own, policy: Parameters<typeof mergeNotificationSettings>[1], key: string) =>
    staleAccessPrompt(mergeNotificationSettings(mine, policy), key);

  it("follows the user's choices without a policy: asked, opted out per group, or off", () => {
    expect(prompt(own, undefined, 'other:member')).toBe('ask');
    expect(prompt(own, undefined, 'g:member')).toBe('optedOut');
    expect(prompt({ ...own, staleAccess: false }, undefined, 'other:member')).toBe('off');
  });

  it('a locked organisation setting is never overridden by a per-group opt-out', () => {
    expect(prompt(own, { staleAccess: true }, 'g:member')).toBe('required');
    expect(prompt({ ...own, staleAccess: false }, { staleAccess: true }, 'g:member')).toBe('required');
    expect(prompt(own, { staleAccess: true }, 'other:member')).toBe('required');
    expect(prompt(own, { staleAccess: false }, 'other:member')).toBe('off');
  });

  it('a policy that sets other fields leaves the opt-out to the user', () => {
    expect(prompt(own, { approval: true }, 'g:member')).toBe('optedOut');
    expect(prompt(own, { approval: true }, 'other:member')).toBe('ask');
  });
});
