// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { policiesItem, snapshotItem } from '../platform/pim-items.ts';
import { requirements } from '../test-support/requirements.ts';
import { cache, cleanup, configure, item, mount, NOW } from './test/popup-harness.tsx';
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
    const stored = await snapshotItem.get();
    vi.spyOn(snapshotItem, 'get').mockReturnValue(new Promise((resolve) => (answer = () => resolve(stored))));
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
    const read = vi.spyOn(policiesItem, 'get');
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
