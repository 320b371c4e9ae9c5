// @vitest-environment happy-dom
import { fakeBrowser } from '@webext-core/fake-browser';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatMoment } from '../../core/format/time.ts';
import { listenForMessages } from '../../platform/messages.ts';
import { clockOffsetItem, refreshStatusItem, snapshotItem } from '../../platform/pim-items.ts';
import { someHandlers } from '../../test-support/fake-browser-setup.ts';
import { cache, cleanup, configure, item, mount, NOW } from '../test/popup-harness.tsx';
import { refreshText } from './RefreshIndicator.tsx';

const indicator = (root: HTMLElement) => root.querySelector('.refresh-status');

beforeEach(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await configure();
});
afterEach(cleanup);

describe('painting and refreshing', () => {
  it('paints the cached list with no background at all, and re-renders when storage changes', async () => {
    await cache([item('SG-Prod-SQL-Admins'), item('SG-Dev')]);
    const m = await mount();
    expect(m.names()).toEqual(['SG-Dev/Member', 'SG-Prod-SQL-Admins/Member']);
    // Nobody answered the refresh: the indicator says so, and the cached list stays.
    await vi.waitFor(() => expect(indicator(m.root)?.getAttribute('data-state')).toBe('error'));
    expect(indicator(m.root)?.textContent).toMatch(
      /^Showing data from .*; The extension's background is not answering/,
    );
    await act(() => cache([item('SG-New')]));
    await vi.waitFor(() => expect(m.names()).toEqual(['SG-New/Member']));
  });

  it('paints a signed-in user’s list without waiting for managed storage (slow on the first read)', async () => {
    await cache([item('SG-A')]);
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation(() => new Promise(() => {}));
    const m = await mount();
    expect(m.names()).toEqual(['SG-A/Member']);
  });

  it('asks the background to refresh exactly once on open, and again (forced) from the button', async () => {
    const refresh = vi.fn(() => undefined);
    listenForMessages(someHandlers({ refresh }));
    await cache([item('SG-A')]);
    const m = await mount();
    await vi.waitFor(() => expect(refresh).toHaveBeenCalledOnce());
    expect(refresh).toHaveBeenCalledWith({});
    await vi.waitFor(() => expect(indicator(m.root)?.textContent).toBe('Updated now'));
    await m.click(m.root.querySelector('button[aria-label=Refresh]'));
    await vi.waitFor(() => expect(refresh).toHaveBeenCalledTimes(2));
    expect(refresh).toHaveBeenLastCalledWith({ force: true });
  });

  it('shows "Refreshing…", then how long ago, then the stale-data sentence', async () => {
    listenForMessages(someHandlers({ refresh: () => undefined }));
    await cache([item('SG-A')]);
    await refreshStatusItem.set({ refreshing: true, lastSuccessMs: 0 });
    const m = await mount();
    await vi.waitFor(() => expect(indicator(m.root)?.textContent).toBe('Refreshing…'));
    await act(() => refreshStatusItem.set({ refreshing: false, lastSuccessMs: NOW - 3 * 60_000 }));
    await vi.waitFor(() => expect(indicator(m.root)?.textContent).toBe('Updated 3 minutes ago'));
    await act(() =>
      refreshStatusItem.set({ refreshing: false, lastSuccessMs: NOW - 3 * 60_000, error: 'The network is down.' }),
    );
    // Named as every moment is: the weekday too when three minutes ago was yesterday.
    const at = formatMoment(NOW - 3 * 60_000, Date.now(), { locale: 'en-US' });
    await vi.waitFor(() =>
      expect(indicator(m.root)?.textContent).toBe(`Showing data from ${at}; The network is down.`),
    );
  });

  it('announces a failed refresh, and a successful one only when the user asked for it', async () => {
    listenForMessages(someHandlers({ refresh: () => undefined }));
    await cache([item('SG-A')]);
    await refreshStatusItem.set({ refreshing: true, lastSuccessMs: 0 });
    const m = await mount();
    await act(() => refreshStatusItem.set({ refreshing: false, lastSuccessMs: NOW }));
    await vi.waitFor(() => expect(indicator(m.root)?.textContent).toBe('Updated now'));
    // The refresh on open worked: nothing to say.
    expect(m.announcement()).toBe('');

    await act(() => refreshStatusItem.set({ refreshing: true, lastSuccessMs: NOW }));
    await act(() => refreshStatusItem.set({ refreshing: false, lastSuccessMs: NOW, error: 'The network is down.' }));
    await vi.waitFor(() => expect(m.announcement()).toMatch(/^Showing data from .+; The network is down\.$/));

    await m.click(m.root.querySelector('button[aria-label=Refresh]'));
    await act(() => refreshStatusItem.set({ refreshing: true, lastSuccessMs: NOW }));
    await act(() => refreshStatusItem.set({ refreshing: false, lastSuccessMs: NOW }));
    await vi.waitFor(() => expect(m.announcement()).toBe('Updated now'));
  });

  it('says it is loading before the first list, and that there is nothing when the list is empty', async () => {
    listenForMessages(someHandlers({ refresh: () => undefined }));
    const m = await mount({ waitForRows: false });
    await vi.waitFor(() => expect(m.root.textContent).toContain('Loading your groups…'));
    await act(() => snapshotItem.set({ accountId: 'oid.tid', fetchedAtMs: NOW, items: [] }));
    await vi.waitFor(() => expect(m.root.textContent).toContain('No eligible groups'));
  });

  it('ignores a cached list that belongs to another account', async () => {
    await snapshotItem.set({ accountId: 'someone-else', fetchedAtMs: NOW, items: [item('Theirs')] });
    const m = await mount({ waitForRows: false });
    await vi.waitFor(() => expect(m.root.textContent).toContain('Loading your groups…'));
    expect(m.rows()).toHaveLength(0);
  });

  it('shows the signed-in account', async () => {
    await clockOffsetItem.set(0);
    await cache([item('SG-A')]);
    const m = await mount();
    expect(m.root.querySelector('.popup__account')?.textContent).toContain('Adele Vance');
    expect(m.root.querySelector('.popup__account')?.textContent).toContain('Signed in as Adele Vance');
  });
});

describe('items that could not be read', () => {
  const props = (unreadable?: number) => ({
    status: { refreshing: false, lastSuccessMs: NOW, ...(unreadable ? { unreadable } : {}) },
    inFlight: false,
    replyError: undefined,
    dataFromMs: NOW - 120_000,
    localNowMs: NOW,
    zone: { locale: 'en', timeZone: 'UTC' },
  });

  it('says how many items of the last read are not shown, one or several', () => {
    expect(refreshText(props())).toEqual({ text: 'Updated 2 minutes ago', state: 'ok' });
    expect(refreshText(props(1))).toEqual({
      text: 'Updated 2 minutes ago. 1 item could not be read and is not shown.',
      state: 'partial',
    });
    expect(refreshText(props(2))).toEqual({
      text: 'Updated 2 minutes ago. 2 items could not be read and are not shown.',
      state: 'partial',
    });
  });
});
