// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GroupItem } from '../../core/pim-state.ts';
import { popupScrollItem } from '../../platform/popup-items.ts';
import { item } from '../../test-support/group-items.ts';
import { WindowedRows } from './WindowedRows.tsx';

// The scroll position kept for the next opening (issue 19): the row at the top of the viewport,
// saved a moment after the scrolling stops, and only while the whole list is shown.

const items: GroupItem[] = Array.from({ length: 100 }, (_, i) => item(`Group ${String(i).padStart(3, '0')}`));
const list = { current: null as HTMLUListElement | null };
let root: HTMLElement;

function show(remember: boolean) {
  render(
    <ul ref={list}>
      <WindowedRows
        items={items}
        keep={[]}
        list={list}
        remember={remember}
        renderRow={(row) => (
          <li key={row.key} data-key={row.key}>
            {row.groupName}
          </li>
        )}
      />
    </ul>,
    root,
  );
}

/** The user scrolled down: every rendered row sits 12 px below the viewport's top. */
function scrolled() {
  Object.defineProperty(window, 'scrollY', { value: 800, configurable: true });
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ top: 12, bottom: 64 } as DOMRect);
  window.dispatchEvent(new Event('scroll'));
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(Date.UTC(2026, 11, 5, 16, 0));
  root = document.body.appendChild(document.createElement('div'));
  await popupScrollItem.remove();
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
  vi.restoreAllMocks();
  Object.defineProperty(window, 'scrollY', { value: 0, configurable: true });
});

describe('the scroll position kept for the next opening', () => {
  it('is the row at the top of the viewport, saved once the scrolling stops', async () => {
    await act(() => show(true));
    scrolled();
    await vi.advanceTimersByTimeAsync(149);
    expect(await popupScrollItem.get()).toEqual(popupScrollItem.fallback);
    await vi.advanceTimersByTimeAsync(1);
    expect(await popupScrollItem.get()).toEqual({
      key: items[0]?.key,
      offset: 12,
      atMs: Date.UTC(2026, 11, 5, 16, 0, 0, 150),
    });
  });

  it('is not taken from a search that started while the save was pending, nor when the popup closes', async () => {
    await act(() => show(true));
    scrolled();
    // The user types in the search box: the list shown is filtered, so nothing of it is kept.
    await act(() => show(false));
    await vi.advanceTimersByTimeAsync(1_000);
    window.dispatchEvent(new Event('pagehide'));
    await act(() => render(null, root));
    expect(await popupScrollItem.get()).toEqual(popupScrollItem.fallback);
  });
});
