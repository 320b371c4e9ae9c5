// @vitest-environment happy-dom
import { fakeBrowser } from '@webext-core/fake-browser';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { accountsItem } from '../platform/items.ts';
import { uiLanguage } from '../platform/locale.ts';
import { listenForMessages } from '../platform/messages.ts';
import { favouritesItem, refreshStatusItem } from '../platform/pim-items.ts';
import { someHandlers } from '../test-support/fake-browser-setup.ts';
import { App } from './App.tsx';
import { loadDeferredParts } from './components/LazyParts.tsx';
import { PAINT_MARKS } from './paint-marks.ts';
import { saveListHead } from './save-list-head.ts';
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

/** Frames a test holds back (requestAnimationFrame mocked), to run them when it chooses. */
const frames: FrameRequestCallback[] = [];
const holdFrames = () => vi.spyOn(window, 'requestAnimationFrame').mockImplementation((frame) => frames.push(frame));

afterEach(async () => {
  // Frames still held run before the popup goes: Preact waits for a frame to run effects, else
  // for a 100 ms timer that cancels the frame, and that timer firing after the test environment
  // is gone throws (cancelAnimationFrame no longer exists). Then the task they queued.
  for (const frame of frames.splice(0)) frame(performance.now());
  await new Promise((resolve) => setTimeout(resolve));
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

describe('the first screen from the last popup', () => {
  it('is painted as rows of the whole list, with nothing that needs the whole list until it is there', async () => {
    await configure();
    listenForMessages(someHandlers({ refresh: () => undefined }));
    const items = Array.from({ length: 30 }, (_, i) => item(`SG-${String(i).padStart(2, '0')}`));
    // 15 favourites: the first screen holds 13 of them, and "Save favourites" must offer all 15.
    const favourites = items.slice(15).map((i) => i.key);
    await favouritesItem.set(favourites);
    await cache(items, Date.now());
    const snapshot = { accountId: account.id, fetchedAtMs: Date.now(), items };
    const head = { snapshot, favourites, recent: {}, operations: {}, locale: uiLanguage(), nowMs: Date.now() };
    await saveListHead(head);
    await loadDeferredParts();
    performance.clearMarks();
    holdFrames();

    const root = mount();
    const rows = () => Array.from(root.querySelectorAll('li[data-key]'));
    await vi.waitFor(() => expect(rows().length).toBe(13));
    expect(rows().map((r) => r.getAttribute('aria-setsize'))).toEqual(Array(13).fill('30'));
    expect(rows()[0]?.querySelector('.row__name')?.textContent).toBe('SG-15');
    const search = root.querySelector<HTMLInputElement>('#search') as HTMLInputElement;
    await act(() => {
      search.value = 'SG-02';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    // Not among the first screen's rows, but maybe in the whole list: no "no match" yet.
    expect(root.textContent).not.toContain('No group matches');
    expect(root.textContent).not.toContain('Save favourites as preset');

    // The first screen is painted: the whole list is taken, and the search finds what it holds.
    for (const frame of frames.splice(0)) frame(performance.now());
    await vi.waitFor(() => expect(rows().map((r) => r.querySelector('.row__name')?.textContent)).toEqual(['SG-02']));
    expect(rows()[0]?.getAttribute('aria-setsize')).toBe('1');
    await vi.waitFor(() => expect(root.textContent).toContain('Save favourites as preset'));
    for (const frame of frames.splice(0)) frame(performance.now());
    await new Promise((resolve) => setTimeout(resolve)); // the marks are set in the task after the frame
    expect(performance.getEntriesByName(PAINT_MARKS.list)).toHaveLength(1);
    // The whole list is the one the first screen stood for: not a fresh one. A refresh's is.
    expect(performance.getEntriesByName(PAINT_MARKS.freshList)).toEqual([]);
    await cache(items, Date.now() + 1000);
    await vi.waitFor(() => {
      for (const frame of frames.splice(0)) frame(performance.now());
      expect(performance.getEntriesByName(PAINT_MARKS.freshList)).toHaveLength(1);
    });
  });
});
