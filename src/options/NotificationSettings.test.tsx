// @vitest-environment happy-dom
import { fakeBrowser } from '@webext-core/fake-browser';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveNotificationSettings } from '../background/settings.ts';
import { listenForMessages } from '../platform/messages.ts';
import { notificationSettingsItem } from '../platform/notification-items.ts';
import { someHandlers } from '../test-support/fake-browser-setup.ts';
import { NotificationSettings } from './NotificationSettings.tsx';

// The background stores what the page changes (it writes the key too).
let stopBackground = () => {};
beforeEach(() => {
  stopBackground = listenForMessages(someHandlers({ saveNotificationSettings }));
});

async function mount() {
  const root = document.createElement('div');
  document.body.append(root);
  render(<NotificationSettings />, root);
  await vi.waitFor(() => expect(root.querySelector('#notify-expiring')).not.toBeNull());
  return root;
}
afterEach(() => {
  stopBackground();
  document.body.innerHTML = '';
});

describe('notification settings', () => {
  it('saves each switch at once', async () => {
    const root = await mount();
    await act(() => (root.querySelector('#notify-expiring') as HTMLInputElement).click());
    await vi.waitFor(async () => expect((await notificationSettingsItem.get()).expiring).toBe(false));
    expect((root.querySelector('#notify-lead') as HTMLInputElement).disabled).toBe(true);
  });

  it('offers the approver’s notification, on by default, and saves it off', async () => {
    const root = await mount();
    const waiting = root.querySelector('#notify-waitingOnYou') as HTMLInputElement;
    expect(root.querySelector('label[for=notify-waitingOnYou]')?.textContent).toBe(
      'When a request waits on my approval',
    );
    expect(waiting.checked).toBe(true);
    await act(() => waiting.click());
    await vi.waitFor(async () => expect((await notificationSettingsItem.get()).waitingOnYou).toBe(false));
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

  it('shows what the organisation sets, disabled and labelled, and keeps the user’s own value stored', async () => {
    await fakeBrowser.storage.managed.set({ notifications: { approval: false, expiringLeadMinutes: 30 } });
    const root = await mount();
    const approval = root.querySelector('#notify-approval') as HTMLInputElement;
    await vi.waitFor(() => expect(approval.disabled).toBe(true));
    expect(approval.checked).toBe(false);
    expect(approval.getAttribute('aria-describedby')).toBe('notify-approval-locked');
    expect(root.querySelector('#notify-approval-locked')?.textContent).toBe("Set by your organisation's policy.");
    const lead = root.querySelector('#notify-lead') as HTMLInputElement;
    expect(lead.value).toBe('30');
    expect(lead.disabled).toBe(true);
    expect(root.querySelector('#notify-lead-locked')).not.toBeNull();
    // What the policy leaves open stays the user's.
    const ended = root.querySelector('#notify-ended') as HTMLInputElement;
    expect(ended.disabled).toBe(false);
    await act(() => ended.click());
    await vi.waitFor(async () => expect((await notificationSettingsItem.get()).ended).toBe(false));
    expect(await notificationSettingsItem.get()).toMatchObject({ approval: true, expiringLeadMinutes: 10 });
  });

  it('does not offer per-group opt-outs when the organisation sets the sign-out suggestion, and says why', async () => {
    await notificationSettingsItem.set({
      ...(await notificationSettingsItem.get()),
      staleAccess: false,
      staleAccessOptOut: ['a:member'],
    });
    await fakeBrowser.storage.managed.set({ notifications: { staleAccess: true } });
    const root = await mount();
    await vi.waitFor(() => expect(root.querySelector('#notify-optout-locked')).not.toBeNull());
    expect(root.querySelector('#notify-optout-locked')?.textContent).toBe(
      'Your organisation asks for this suggestion after every change, so it cannot be turned off for single groups.',
    );
    expect(root.textContent).not.toContain('The sign-out suggestion is off for');
    expect(Array.from(root.querySelectorAll('button')).map((b) => b.textContent)).not.toContain(
      'Suggest it again for all groups',
    );
    expect((root.querySelector('#notify-staleAccess') as HTMLInputElement).disabled).toBe(true);
  });
});
