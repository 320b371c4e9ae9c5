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

describe('rows measured as they render', () => {
  // happy-dom lays nothing out: each row says it is `height` px tall, and the overscan never comes.
  const frames: FrameRequestCallback[] = [];
  const spacerBelow = () => root.querySelector<HTMLElement>('li.rows__spacer:last-child')?.style.height;
  const rendered = () => root.querySelectorAll('li[data-key]').length;
  function rowsOf(height: number) {
    vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(height);
    vi.spyOn(window, 'requestIdleCallback').mockImplementation(() => 0);
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((frame) => frames.push(frame));
    Object.defineProperty(window, 'innerHeight', { value: 600, configurable: true });
  }
  afterEach(() => {
    frames.length = 0;
  });

  it('taller than estimated: the spacer below is resized after the frame is painted, not in it', async () => {
    rowsOf(60);
    await act(() => show(false));
    // Planned at 52 px a row: rows 0–11 fill 600 px. Measured at 60, rows 0–10 would: those rendered still do.
    expect([rendered(), spacerBelow()]).toEqual([12, `${88 * 52}px`]);
    await act(async () => {
      for (const frame of frames.splice(0)) frame(0);
      await vi.advanceTimersByTimeAsync(0);
    });
    expect([rendered(), spacerBelow()]).toEqual([11, `${89 * 60}px`]);
  });

  it('shorter than estimated: planned again at once, with the rows that now fit', async () => {
    rowsOf(40);
    await act(() => show(false));
    // Rows 0–11 leave the bottom of the viewport empty at 40 px a row: rows 0–15 are rendered before any frame.
    expect([rendered(), spacerBelow()]).toEqual([16, `${84 * 40}px`]);
  });
});
