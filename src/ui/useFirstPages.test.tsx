// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { PimSnapshot } from '../core/pim-state.ts';
import { partialListItem } from '../platform/partial-list-item.ts';
import { useFirstPages } from './useFirstPages.ts';

const FIRST: PimSnapshot = { accountId: 'oid.tid', fetchedAtMs: 1_000, items: [] };
const COMPLETE: PimSnapshot = { accountId: 'oid.tid', fetchedAtMs: 2_000, items: [] };
const THEIRS: PimSnapshot = { accountId: 'other.tid', fetchedAtMs: 1_000, items: [] };

/** Every value the hook returned, render by render, for the list the test passes. */
const seen: Array<boolean | undefined> = [];
function Probe({ list }: { list: PimSnapshot | null }) {
  seen.push(useFirstPages(list));
  return null;
}

const root = document.createElement('div');
const show = (list: PimSnapshot | null) => act(() => render(<Probe list={list} />, root));
/** Waits for the hook's first read of the name to answer. */
const read = () => act(() => partialListItem.get().then(() => undefined));

afterEach(async () => {
  await act(() => render(null, root));
  seen.length = 0;
});

describe('useFirstPages (issue 19)', () => {
  it('is unknown until the name is read, then says whether the list is the one named', async () => {
    await partialListItem.set({ accountId: 'oid.tid', fetchedAtMs: 1_000 });
    await show(FIRST);
    await read();
    await show(THEIRS);
    await show(null);
    expect(seen).toEqual([undefined, true, false, false]);
  });

  it('the complete list is not the first pages, whether it arrives before the name is cleared or after', async () => {
    await partialListItem.set({ accountId: 'oid.tid', fetchedAtMs: 1_000 });
    await show(FIRST);
    await read();
    // The order the background writes in: the complete list, then the name cleared.
    await show(COMPLETE);
    await act(() => partialListItem.set(null));
    expect(seen).toEqual([undefined, true, false, false]);
  });

  it('the first pages stay the first pages when the name is cleared before the complete list arrives', async () => {
    await partialListItem.set({ accountId: 'oid.tid', fetchedAtMs: 1_000 });
    await show(FIRST);
    await read();
    await act(() => partialListItem.set(null));
    await show(COMPLETE);
    expect(seen).toEqual([undefined, true, true, false]);
  });

  it('no list is the first pages when nothing is named', async () => {
    await show(FIRST);
    await read();
    expect(seen).toEqual([undefined, false]);
  });
});
