import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { notificationSettingsItem } from './notification-items.ts';
import { presetAppUrlFor } from './presets.ts';

// Addresses read back from storage are checked again before use: storage can be damaged, or
// written by an older version with a looser check.
describe('stored addresses are re-validated on read', () => {
  it('drops a stored app address that is not a safe https URL', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const appUrl of ['https://portal.azure.com@evil.example/', 'javascript:alert(1)', 'http://intranet/']) {
      await fakeBrowser.storage.local.set({
        'settings:notifications': { ...notificationSettingsItem.fallback, appUrl },
      });
      expect((await notificationSettingsItem.get()).appUrl).toBe('');
    }
    await fakeBrowser.storage.local.set({
      'settings:notifications': { ...notificationSettingsItem.fallback, appUrl: 'https://portal.azure.com/' },
    });
    expect((await notificationSettingsItem.get()).appUrl).toBe('https://portal.azure.com/');
  });

  it('ignores a remembered preset app that is not a safe https URL', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const now = Date.UTC(2026, 10, 30, 12);
    await fakeBrowser.storage.local.set({
      'presets:appUrls': {
        'g:member': { url: 'https://user:pw@portal.azure.com/', atMs: now },
        'h:member': { url: 'https://portal.azure.com/', atMs: now },
      },
    });
    expect(await presetAppUrlFor('g:member', now)).toBeUndefined();
    expect(await presetAppUrlFor('h:member', now)).toBe('https://portal.azure.com/');
  });
});
