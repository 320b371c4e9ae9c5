// @vitest-environment happy-dom
import { fakeBrowser } from '@webext-core/fake-browser';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { accountsItem } from '../platform/items.ts';
import { listenForMessages } from '../platform/messages.ts';
import { refreshStatusItem } from '../platform/pim-items.ts';
import { someHandlers } from '../test-support/fake-browser-setup.ts';
import { App } from './App.tsx';
import { account, cache, configure, item } from './test/popup-harness.tsx';

const roots: HTMLElement[] = [];
function mount() {
  const root = document.createElement('div');
  document.body.append(root);
  roots.push(root);
  render(<App />, root);
  return root;
}

beforeEach(() => {
  // Without a background listener the popup logs that nobody answered; that is expected here.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  for (const root of roots.splice(0)) render(null, root);
  document.body.innerHTML = '';
});

describe('popup', () => {
  it('says what to set up before sign-in is possible', async () => {
    const root = mount();
    await vi.waitFor(() => expect(root.textContent).toContain('Set up sign-in first'));
  });

  it('once configured, offers sign-in, focuses it, and shows the version the background reports', async () => {
    await configure({ signedIn: false });
    const signIn = vi.fn(async () => ({ id: 'a', username: 'u', name: 'n', tenantId: 't' }));
    listenForMessages(
      someHandlers({ getStatus: () => ({ version: '2.3.4', schemaVersion: 1, workerStartedAt: 0 }), signIn }),
    );
    const root = mount();
    await vi.waitFor(() => expect(root.textContent).toContain('Sign in to see your groups'));
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Sign in'));
    await vi.waitFor(() => expect(root.querySelector('.status-footer')?.textContent).toBe('Version 2.3.4'));
    await act(() => (document.activeElement as HTMLButtonElement).click());
    expect(signIn).toHaveBeenCalledOnce();
    expect(signIn).toHaveBeenCalledWith({});
  });

  it('shows why sign-in failed', async () => {
    await configure({ signedIn: false });
    listenForMessages(
      someHandlers({
        signIn: () => {
          throw Object.assign(new Error('Sign-in was cancelled. Choose Sign in to try again.'), {
            code: 'auth-cancelled',
          });
        },
      }),
    );
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const root = mount();
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Sign in'));
    await act(() => (document.activeElement as HTMLButtonElement).click());
    await vi.waitFor(() => expect(root.querySelector('[role=alert]')?.textContent).toMatch(/Sign-in was cancelled/));
  });

  it('an account whose Entra session ended keeps its cached list, marked not current, and offers Sign in', async () => {
    await configure();
    await accountsItem.set({ activeId: account.id, known: [{ ...account, signInNeeded: true }] });
    await cache([item('Finance admins')], Date.now() - 3 * 3_600_000);
    await refreshStatusItem.set({
      refreshing: false,
      lastSuccessMs: Date.now() - 3 * 3_600_000,
      error: 'Your Microsoft sign-in has ended. Sign in again to see current information and activate groups.',
    });
    const signIn = vi.fn(async () => account);
    listenForMessages(someHandlers({ signIn, refresh: () => undefined }));
    const root = mount();
    await vi.waitFor(() => expect(root.querySelector('.row__name')?.textContent).toBe('Finance admins'));
    expect(root.querySelector('.popup__account')?.textContent).toContain('Adele Vance');
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Sign in'));
    expect(root.textContent).toContain('Your Microsoft sign-in has ended');
    await act(() => (document.activeElement as HTMLButtonElement).click());
    expect(signIn).toHaveBeenCalledWith({});
  });

  it('says what to do when the background does not answer', async () => {
    const root = mount();
    const status = () => root.querySelector('.status-footer');
    await vi.waitFor(() => expect(status()?.getAttribute('data-state')).toBe('error'));
    expect(status()?.textContent).toMatch(/not answering\. Close this window and open it again/);
  });

  it('opens the options page', async () => {
    const root = mount();
    await vi.waitFor(() => expect(root.textContent).toContain('Open settings'));
    (Array.from(root.querySelectorAll('button')).find((b) => b.textContent === 'Open settings') as HTMLElement).click();
    expect(fakeBrowser.runtime.openOptionsPage).toHaveBeenCalledOnce();
  });
});
