import { fakeBrowser } from '@webext-core/fake-browser';
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followItems } from './follow-storage.ts';
import { defineItem } from './storage.ts';

const big = defineItem({ key: 'cache:followBig', area: 'local', schema: v.string(), fallback: 'none' });
const small = defineItem({ key: 'cache:followSmall', area: 'local', schema: v.string(), fallback: 'none' });

afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

describe('following items with `ready`', () => {
  it('asks at once, but validates and calls back with the answer only once `ready` settles', async () => {
    await fakeBrowser.storage.local.set({ [big.key]: 'list 1', [small.key]: 'stamp 1' });
    const asked = vi.spyOn(big, 'getRaw');
    const parsed = vi.spyOn(big, 'parse');
    let go = () => {};
    const ready = new Promise<void>((resolve) => (go = resolve));
    const seen: unknown[] = [];
    const stop = followItems({ big }, (values) => seen.push(values), ready);
    const smallSeen: unknown[] = [];
    const stopSmall = followItems({ small }, (values) => smallSeen.push(values));
    await vi.waitFor(() => expect(smallSeen).toEqual([{ small: 'stamp 1' }]));
    expect(asked).toHaveBeenCalledOnce();
    expect(parsed).not.toHaveBeenCalled();
    expect(seen).toEqual([]);
    go();
    await vi.waitFor(() => expect(seen).toEqual([{ big: 'list 1' }]));
    expect(parsed).toHaveBeenCalledOnce();
    stop();
    stopSmall();
  });

  it('drops an answer that waited while the item changed: the change is newer', async () => {
    await fakeBrowser.storage.local.set({ [big.key]: 'list 1' });
    let go = () => {};
    const ready = new Promise<void>((resolve) => (go = resolve));
    const seen: unknown[] = [];
    const stop = followItems({ big }, (values) => seen.push(values), ready);
    await fakeBrowser.storage.local.set({ [big.key]: 'list 2' });
    await vi.waitFor(() => expect(seen).toEqual([{ big: 'list 2' }]));
    go();
    await ready;
    await new Promise((resolve) => setTimeout(resolve));
    expect(seen).toEqual([{ big: 'list 2' }]);
    stop();
  });
});
