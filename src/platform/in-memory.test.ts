import { fakeBrowser } from '@webext-core/fake-browser';
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { indexedBy, inMemory } from './in-memory.ts';
import { defineItem } from './storage.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const numbersItem = defineItem({ key: 'cache:inMemoryTest', area: 'local', schema: v.array(v.number()), fallback: [] });

describe('inMemory', () => {
  it('reads storage once, then answers from memory, and follows every change', async () => {
    await numbersItem.set([1, 2]);
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const numbers = inMemory(numbersItem);
    expect(await numbers()).toEqual([1, 2]);
    expect(await numbers()).toEqual([1, 2]);
    expect(get).toHaveBeenCalledTimes(1);
    await numbersItem.set([3]);
    await vi.waitFor(async () => expect(await numbers()).toEqual([3]));
    await fakeBrowser.storage.local.set({ 'cache:inMemoryTest': ['not a number'] });
    // A damaged value is validated on the change, as a read would: the fallback.
    await vi.waitFor(async () => expect(await numbers()).toEqual([]));
    expect(get).toHaveBeenCalledTimes(1);
  });

  it("answers this context's own write at once, before storage.onChanged reports it", async () => {
    await numbersItem.set([1]);
    const numbers = inMemory(numbersItem);
    expect(await numbers()).toEqual([1]);
    // The browser has taken the write and reports the change later: here, never.
    vi.spyOn(fakeBrowser.storage.local, 'set').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.storage.local, 'remove').mockResolvedValue(undefined);
    await numbersItem.set([4, 5]);
    expect(await numbers()).toEqual([4, 5]);
    await numbersItem.remove();
    expect(await numbers()).toEqual([]);
  });

  it('reads again once it is no longer listening (a reset fake browser)', async () => {
    await numbersItem.set([1]);
    const numbers = inMemory(numbersItem);
    expect(await numbers()).toEqual([1]);
    fakeBrowser.reset();
    await numbersItem.set([2]);
    expect(await numbers()).toEqual([2]);
  });

  it('tries a failed first read again on the next call', async () => {
    await numbersItem.set([7]);
    const get = vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValueOnce(new Error('storage is busy'));
    const numbers = inMemory(numbersItem);
    await expect(numbers()).rejects.toThrow('storage is busy');
    expect(await numbers()).toEqual([7]);
    expect(get).toHaveBeenCalledTimes(2);
  });
});

describe('indexedBy', () => {
  it('builds one index per list value', () => {
    const index = indexedBy<{ key: string; n: number }>();
    const list = [
      { key: 'a', n: 1 },
      { key: 'b', n: 2 },
    ];
    const first = index(list);
    expect([...first]).toEqual([
      ['a', { key: 'a', n: 1 }],
      ['b', { key: 'b', n: 2 }],
    ]);
    expect(index(list)).toBe(first);
    expect(index([...list]).get('b')).toEqual({ key: 'b', n: 2 });
    expect(index([...list])).not.toBe(first);
  });
});
