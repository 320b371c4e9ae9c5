import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { activeNotificationIds, clearNotification, notify, onNotificationAction } from './notifications.ts';

describe('notifications', () => {
  it('always carries the extension icon, and at most two buttons', async () => {
    await notify('expiring:g1', {
      title: 'Ends soon',
      message: 'SG-Prod ends in 10 minutes',
      buttons: ['Re-activate', 'Dismiss', 'Extra'],
    });
    const created = fakeBrowser.notifications.getAllCreateOptions()['expiring:g1'];
    expect(created).toMatchObject({
      type: 'basic',
      iconUrl: 'chrome-extension://test-extension-id/icons/icon-128.png',
      title: 'Ends soon',
      buttons: [{ title: 'Re-activate' }, { title: 'Dismiss' }],
    });
    expect(await activeNotificationIds()).toEqual(['expiring:g1']);
  });

  it('replaces a notification with the same id and clears it', async () => {
    await notify('n', { title: 'one', message: 'a' });
    await notify('n', { title: 'two', message: 'b', requireInteraction: true });
    expect(fakeBrowser.notifications.getAllCreateOptions().n).toMatchObject({ title: 'two', requireInteraction: true });
    expect(await clearNotification('n')).toBe(true);
    expect(await activeNotificationIds()).toEqual([]);
  });

  it('routes button and body clicks to plain handlers', async () => {
    const button = vi.fn();
    const click = vi.fn();
    onNotificationAction({ button, click });
    await fakeBrowser.notifications.onButtonClicked.trigger('expiring:g1', 0);
    await fakeBrowser.notifications.onClicked.trigger('expired:g1');
    expect(button).toHaveBeenCalledWith('expiring:g1', 0);
    expect(click).toHaveBeenCalledWith('expired:g1');
  });

  it('leaves out buttons and requireInteraction on Firefox, which rejects the whole call for them', async () => {
    vi.stubGlobal('__TARGET__', 'firefox');
    await notify('expiring:g1', {
      title: 'Ends soon',
      message: 'SG-Prod ends in 10 minutes',
      buttons: ['Re-activate'],
      requireInteraction: true,
    });
    expect(fakeBrowser.notifications.getAllCreateOptions()['expiring:g1']).toEqual({
      type: 'basic',
      iconUrl: 'chrome-extension://test-extension-id/icons/icon-128.png',
      title: 'Ends soon',
      message: 'SG-Prod ends in 10 minutes',
    });
  });
});
