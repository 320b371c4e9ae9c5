// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { uiLanguage } from '../platform/locale.ts';
import { favouritesItem, operationsItem, policiesItem, snapshotItem } from '../platform/pim-items.ts';
import { requirements } from '../test-support/requirements.ts';
import { PAINT_MARKS } from './paint-marks.ts';
import { saveListHead } from './save-list-head.ts';
import { account, cache, cleanup, configure, item, mount, NOW } from './test/popup-harness.tsx';
import { type PopupData, renderWhenRead, startPopupData, usePopupData } from './usePopupData.ts';

beforeEach(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await configure();
});
// Each test's own root in the page, unmounted and removed after it, with real timers and mocks back.
const roots: HTMLElement[] = [];
function pageRoot(): HTMLElement {
  const root = document.body.appendChild(document.createElement('div'));
  roots.push(root);
  return root;
}
afterEach(() => {
  for (const root of roots.splice(0)) {
    render(null, root);
    root.remove();
  }
  vi.useRealTimers();
  vi.restoreAllMocks();
});
afterEach(cleanup);

/** The names in the list the popup's data holds (joined), or `undefined` before it is read. */
const useListNames = () =>
  usePopupData()
    ?.snapshot?.items.map((i) => i.groupName)
    .join();

describe('the early storage read', () => {
  it('reaches the popup without waiting for a frame of the empty popup', async () => {
    await cache([item('SG-Prod')]);
    // No frame is ever run, and no timer is due: Preact's effects would wait for one or the other.
    // (First in the file: Preact keeps one queue of effects, which an earlier test's frame may flush.)
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const Probe = () => <p>{useListNames()}</p>;
    const root = pageRoot();
    startPopupData();
    render(<Probe />, root);
    // The storage reads answer in promises: let them, a round at a time.
    for (let round = 0; round < 20 && root.textContent !== 'SG-Prod'; round++) await vi.advanceTimersByTimeAsync(0);
    expect(root.textContent).toBe('SG-Prod');
  });

  it('renders the popup once, when the reads have answered, with the list in its first render', async () => {
    await cache([item('SG-Prod')]);
    const root = pageRoot();
    const seen: Array<string | undefined> = [];
    const Probe = () => {
      seen.push(useListNames());
      return null;
    };
    const mount = vi.fn(() => render(<Probe />, root));
    renderWhenRead(mount);
    await vi.waitFor(() => expect(mount).toHaveBeenCalledTimes(1));
    expect(seen[0]).toBe('SG-Prod'); // its first render has the list
    await new Promise((resolve) => setTimeout(resolve, 150)); // past the cap: not mounted again
    expect(mount).toHaveBeenCalledTimes(1);
  });

  it('renders the popup after 100 ms when a read does not answer, and the list when it does', async () => {
    await cache([item('SG-Prod')]);
    let answer = () => {};
    const stored = await snapshotItem.getRaw();
    vi.spyOn(snapshotItem, 'getRaw').mockReturnValue(new Promise((resolve) => (answer = () => resolve(stored))));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const root = pageRoot();
    const Probe = () => <p>{useListNames() ?? 'nothing yet'}</p>;
    renderWhenRead(() => render(<Probe />, root));
    await vi.advanceTimersByTimeAsync(99);
    expect(root.textContent).toBe('');
    await vi.advanceTimersByTimeAsync(1);
    expect(root.textContent).toBe('nothing yet');
    answer();
    await vi.waitFor(() => expect(root.textContent).toBe('SG-Prod'));
  });

  it('paints what it read, and keeps a change that landed before the popup took it over', async () => {
    await cache([item('Old-Name')]);
    startPopupData();
    await cache([item('New-Name')]); // the background writes a fresh list meanwhile
    const m = await mount();
    await vi.waitFor(() => expect(m.names()).toEqual(['New-Name/Member']));
  });

  it('is used once: a popup mounted again reads afresh', async () => {
    await cache([item('First')]);
    startPopupData();
    const first = await mount();
    await vi.waitFor(() => expect(first.names()).toEqual(['First/Member']));
    first.unmount();
    await cache([item('Second')]);
    const second = await mount();
    await vi.waitFor(() => expect(second.names()).toEqual(['Second/Member']));
  });
});

describe('the cached policies', () => {
  it('are read once the list has painted, and counted as none until then', async () => {
    const prod = item('SG-Prod');
    const policies = { [prod.key]: { requirements: requirements({ maximumMinutes: 60 }), fetchedAtMs: NOW } };
    await cache([prod]);
    await policiesItem.set(policies);
    const read = vi.spyOn(policiesItem, 'getRaw');
    // The frames are run by the test: nothing is painted until it says so.
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((frame) => frames.push(frame));
    const seen: Array<PopupData['policies']> = [];
    const Probe = () => {
      const data = usePopupData();
      if (data && seen.at(-1) !== data.policies) seen.push(data.policies);
      return <p>{data?.snapshot?.items.map((i) => i.groupName).join()}</p>;
    };
    const root = pageRoot();
    await act(() => render(<Probe />, root));
    await vi.waitFor(() => expect(root.textContent).toBe('SG-Prod'));
    expect(read).not.toHaveBeenCalled();
    expect(seen).toEqual([{}]);

    for (const frame of frames.splice(0)) frame(performance.now());
    await vi.waitFor(() => expect(seen).toEqual([{}, policies]));
    expect(read).toHaveBeenCalledOnce();
  });
});

describe('the first screen from the last popup', () => {
  const items = Array.from({ length: 30 }, (_, i) => item(`SG-${String(i).padStart(2, '0')}`));

  /** Caches `list` and saves its head as a popup that showed it would. */
  async function headOf(list = items): Promise<void> {
    await cache(list);
    const snapshot = { accountId: account.id, fetchedAtMs: NOW, items: list };
    await saveListHead({
      snapshot,
      favourites: [],
      recent: {},
      operations: {},
      locale: uiLanguage(),
      nowMs: Date.now(),
    });
  }

  /** What the probe rendered, in order, a render of the same data again counted once. */
  const inTurn = (seen: unknown[][]) => seen.map(String).filter((entry, i, all) => entry !== all[i - 1]);

  /** Mounts a probe with frames run only by the test; each delivery as [first name, rows, whole list's size]. */
  async function probe() {
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((frame) => frames.push(frame));
    const parsed = vi.spyOn(snapshotItem, 'parse');
    const asked = vi.spyOn(snapshotItem, 'getRaw');
    const seen: Array<[string | undefined, number, number | undefined]> = [];
    const Probe = () => {
      const data = usePopupData();
      if (data) seen.push([data.snapshot?.items[0]?.groupName, data.snapshot?.items.length ?? 0, data.headOf]);
      return null;
    };
    await act(() => render(<Probe />, pageRoot()));
    const paint = () => {
      for (const frame of frames.splice(0)) frame(performance.now());
    };
    return { seen, parsed, asked, paint };
  }

  it('paints the head, and reads the whole list at once but takes it only after that paint', async () => {
    await headOf();
    performance.clearMarks();
    const p = await probe();
    await vi.waitFor(() => expect(p.seen.at(-1)).toEqual(['SG-00', 13, 30]));
    expect(p.asked).toHaveBeenCalledOnce();
    expect(p.parsed).not.toHaveBeenCalled();
    p.paint();
    await vi.waitFor(() => expect(p.seen.at(-1)).toEqual(['SG-00', 30, undefined]));
    expect(inTurn(p.seen)).toEqual(['SG-00,13,30', 'SG-00,30,']);
    expect(performance.getEntriesByName(PAINT_MARKS.fromHead)).toHaveLength(1);
  });

  it('never paints a head of another list: the whole list comes first, without waiting for a paint', async () => {
    await headOf();
    await cache(items.with(0, { ...(items[0] as (typeof items)[0]), groupName: 'AA-renamed' }));
    performance.clearMarks();
    const p = await probe();
    await vi.waitFor(() => expect(p.seen.length).toBeGreaterThan(0));
    expect(inTurn(p.seen)).toEqual(['AA-renamed,30,']);
    expect(performance.getEntriesByName(PAINT_MARKS.fromHead)).toEqual([]);
  });

  it('never paints a head whose order no longer holds (a favourite starred since)', async () => {
    await headOf();
    await favouritesItem.set([(items[29] as (typeof items)[0]).key]);
    const p = await probe();
    await vi.waitFor(() => expect(p.seen.length).toBeGreaterThan(0));
    expect(inTurn(p.seen)).toEqual(['SG-00,30,']);
  });

  it('drops the head when its order stops holding before the whole list is taken', async () => {
    await headOf();
    const p = await probe();
    await vi.waitFor(() => expect(p.seen.at(-1)).toEqual(['SG-00', 13, 30]));
    // A request starts for a row below the first screen: it goes to "Now", and the list is taken at once.
    const far = items[29] as (typeof items)[0];
    await operationsItem.set({ [far.key]: { key: far.key, kind: 'activate', phase: 'running', startedAtMs: NOW } });
    await vi.waitFor(() => expect(p.seen.at(-1)).toEqual(['SG-00', 30, undefined]));
    expect(p.parsed).toHaveBeenCalled();
  });
});
