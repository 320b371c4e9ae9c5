// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { notificationSettingsItem } from '../platform/pim-items.ts';
import { NotificationSettings } from './NotificationSettings.tsx';

async function mount() {
  const root = document.createElement('div');
  document.body.append(root);
  render(<NotificationSettings />, root);
  await vi.waitFor(() => expect(root.querySelector('#notify-expiring')).not.toBeNull());
  return root;
}
afterEach(() => {
  document.body.innerHTML = '';
});

describe('notification settings', () => {
  it('saves each switch at once', async () => {
    const root = await mount();
    await act(() => (root.querySelector('#notify-expiring') as HTMLInputElement).click());
    await vi.waitFor(async () => expect((await notificationSettingsItem.get()).expiring).toBe(false));
    expect((root.querySelector('#notify-lead') as HTMLInputElement).disabled).toBe(true);
  });

  it('refuses an app address that is not https and keeps the saved one', async () => {
    const root = await mount();
    const input = root.querySelector('#notify-app-url') as HTMLInputElement;
    await act(() => {
      input.value = 'http://intranet';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => {
      input.dispatchEvent(new Event('blur'));
    });
    expect(root.querySelector('#notify-app-url-error')?.textContent).toMatch(/https:\/\//);
    expect((await notificationSettingsItem.get()).appUrl).toBe('');
    await act(() => {
      input.value = 'https://portal.azure.com/';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => {
      input.dispatchEvent(new Event('blur'));
    });
    await vi.waitFor(async () =>
      expect((await notificationSettingsItem.get()).appUrl).toBe('https://portal.azure.com/'),
    );
  });

  it('offers to undo per-group opt-outs', async () => {
    await notificationSettingsItem.set({
      ...(await notificationSettingsItem.get()),
      staleAccessOptOut: ['a:member', 'b:owner'],
    });
    const root = await mount();
    expect(root.textContent).toContain('The sign-out suggestion is off for 2 groups.');
    await act(() => (root.querySelector('button') as HTMLButtonElement).click());
    await vi.waitFor(async () => expect((await notificationSettingsItem.get()).staleAccessOptOut).toEqual([]));
  });
});
