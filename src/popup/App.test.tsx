// @vitest-environment happy-dom
import { fakeBrowser } from '@webext-core/fake-browser';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listenForMessages } from '../platform/messages.ts';
import { someHandlers } from '../test-support/fake-browser-setup.ts';
import { App } from './App.tsx';

function mount() {
  const root = document.createElement('div');
  document.body.append(root);
  render(<App />, root);
  return root;
}

beforeEach(() => {
  // Without a background listener the popup logs that nobody answered; that is expected here.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('popup', () => {
  it('says what to set up before sign-in is possible', async () => {
    const root = mount();
    await vi.waitFor(() => expect(root.textContent).toContain('Set up sign-in first'));
  });

  it('shows the empty state once configured, focuses its first control, and the version the background reports', async () => {
    await fakeBrowser.storage.managed.set({ tenant: 'contoso.com', clientId: '3b8e6f2a-91c4-4a57-b0d2-6c1e9f4a7d35' });
    listenForMessages(someHandlers({ getStatus: () => ({ version: '2.3.4', schemaVersion: 1, workerStartedAt: 0 }) }));
    const root = mount();
    await vi.waitFor(() => expect(root.textContent).toContain('No eligible groups to show yet'));
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Open settings'));
    await vi.waitFor(() => expect(root.querySelector('[role=status]')?.textContent).toBe('Version 2.3.4'));
  });

  it('says what to do when the background does not answer', async () => {
    const root = mount();
    const status = () => root.querySelector('[role=status]');
    await vi.waitFor(() => expect(status()?.getAttribute('data-state')).toBe('error'));
    expect(status()?.textContent).toMatch(/not answering\. Close this window and open it again/);
  });

  it('opens the options page', async () => {
    const root = mount();
    root.querySelector('button')?.click();
    expect(fakeBrowser.runtime.openOptionsPage).toHaveBeenCalledOnce();
  });
});
