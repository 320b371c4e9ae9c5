import { fakeBrowser } from '@webext-core/fake-browser';
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listOf, repairable } from './repair.ts';
import { declaredKeys, defineItem } from './storage.ts';

// Each test declares its own keys: a key may be declared only once per process.
let n = 0;
const uniqueKey = (ns = 'settings') => `${ns}:test${++n}`;

const prefs = () =>
  defineItem({
    key: uniqueKey(),
    area: 'local',
    schema: v.object({
      minutes: repairable(v.pipe(v.number(), v.integer(), v.minValue(5)), 60),
      name: repairable(v.string(), 'me'),
    }),
    fallback: { minutes: 60, name: 'me' },
  });

describe('typed storage items', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('sends a write at once, not behind the previous one (the last keystrokes of a popup closed right after)', async () => {
    const item = prefs();
    const sent: unknown[] = [];
    // The browser has not answered the first write yet (nor will it here).
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation((items) => {
      sent.push(items);
      return new Promise(() => {});
    });
    void item.set({ minutes: 60, name: 'Rotate the sto' });
    void item.set({ minutes: 60, name: 'Rotate the stor' });
    expect(sent).toEqual([
      { [item.key]: { minutes: 60, name: 'Rotate the sto' } },
      { [item.key]: { minutes: 60, name: 'Rotate the stor' } },
    ]);
  });

  it('returns the default when nothing is stored', async () => {
    expect(await prefs().get()).toEqual({ minutes: 60, name: 'me' });
  });

  it('hands out a fresh default each time, so changing one read never changes the next', async () => {
    const item = defineItem({
      key: uniqueKey('cache'),
      area: 'local',
      schema: v.record(v.string(), v.number()),
      fallback: {},
    });
    const first = await item.get();
    first.added = 1;
    await item.set(first);
    await item.remove();
    expect(await item.get()).toEqual({});
  });

  it('round-trips a value through its area under its namespaced key', async () => {
    const item = prefs();
    await item.set({ minutes: 90, name: 'Adele' });
    expect(await item.get()).toEqual({ minutes: 90, name: 'Adele' });
    expect(await fakeBrowser.storage.local.get(item.key)).toEqual({ [item.key]: { minutes: 90, name: 'Adele' } });
  });

  it('falls back per field: one bad field does not lose the others, and says which and why', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const item = prefs();
    await fakeBrowser.storage.local.set({ [item.key]: { minutes: 'ninety-secret', name: 'Adele' } });
    expect(await item.get()).toEqual({ minutes: 60, name: 'Adele' });
    expect(warn).toHaveBeenCalledWith(
      `[pim:storage] ${item.key} repaired: minutes reset to default (expected number, got string(13))`,
    );
    // The damaged value itself never reaches the log: it could be anything someone pasted.
    expect(warn.mock.calls.flat().join('\n')).not.toContain('ninety');
  });

  it('names the broken rule of a field that has the right type', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const item = prefs();
    await fakeBrowser.storage.local.set({ [item.key]: { minutes: 2, name: 'Adele' } });
    expect(await item.get()).toEqual({ minutes: 60, name: 'Adele' });
    expect(warn).toHaveBeenCalledWith(`[pim:storage] ${item.key} repaired: minutes reset to default (min_value >=5)`);
  });

  it('fills a missing field with its default without a line (an older layout, not damage)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const item = prefs();
    await fakeBrowser.storage.local.set({ [item.key]: { name: 'Adele' } });
    expect(await item.read()).toEqual({ value: { minutes: 60, name: 'Adele' }, damaged: false });
    expect(warn).not.toHaveBeenCalled();
  });

  it('drops bad list entries one by one, keeps the rest, cuts the overflow, each with a reason', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const item = defineItem({
      key: uniqueKey(),
      area: 'local',
      schema: v.object({ people: listOf(v.object({ id: v.string(), age: repairable(v.number(), 0) }), 3) }),
      fallback: { people: [] },
    });
    await fakeBrowser.storage.local.set({
      [item.key]: { people: [{ id: 'a', age: 'old' }, { id: 7 }, { id: 'b' }, { id: 'c', age: 3 }, { id: 'd' }] },
    });
    expect(await item.read()).toEqual({
      value: {
        people: [
          { id: 'a', age: 0 },
          { id: 'b', age: 0 },
          { id: 'c', age: 3 },
        ],
      },
      damaged: true,
    });
    expect(warn.mock.calls.map(([line]) => line)).toEqual([
      `[pim:storage] ${item.key} repaired: people.0.age reset to default (expected number, got string(3))`,
      `[pim:storage] ${item.key} repaired: people.1 entry dropped (id: expected string, got number)`,
      `[pim:storage] ${item.key} repaired: people entries after the first 3 dropped (4 readable)`,
    ]);
  });

  it('resets a list that is not a list', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const item = defineItem({ key: uniqueKey(), area: 'local', schema: listOf(v.string(), 5), fallback: [] });
    await fakeBrowser.storage.local.set({ [item.key]: { 0: 'a' } });
    expect(await item.get()).toEqual([]);
    expect(warn).toHaveBeenCalledWith(`[pim:storage] ${item.key} repaired: (root) reset to [] (got object)`);
  });

  it('falls back whole, with a logged reason, when the value is not even the right kind', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const item = prefs();
    await fakeBrowser.storage.local.set({ [item.key]: '{"minutes": 9' });
    expect(await item.get()).toEqual({ minutes: 60, name: 'me' });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`${item.key} holds an invalid value`));
  });

  it('stores a packed item as one JSON string, reads one stored before as an object, and refuses broken JSON', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const schema = v.object({ items: v.array(v.object({ name: v.string() })) });
    const item = defineItem({ key: uniqueKey('cache'), area: 'local', schema, fallback: { items: [] }, packed: true });
    const written: unknown[] = [];
    const stop = item.watch((value) => written.push(value));
    await item.set({ items: [{ name: 'SG-Ops' }] });
    expect(await fakeBrowser.storage.local.get(item.key)).toEqual({ [item.key]: '{"items":[{"name":"SG-Ops"}]}' });
    expect(await item.get()).toEqual({ items: [{ name: 'SG-Ops' }] });
    await vi.waitFor(() => expect(written).toEqual([{ items: [{ name: 'SG-Ops' }] }]));
    stop();
    // Written by a version that stored objects.
    await fakeBrowser.storage.local.set({ [item.key]: { items: [{ name: 'SG-Dev' }] } });
    expect(await item.read()).toEqual({ value: { items: [{ name: 'SG-Dev' }] }, damaged: false });
    await fakeBrowser.storage.local.set({ [item.key]: '{"items":[{"na' });
    expect(await item.read()).toEqual({ value: { items: [] }, damaged: true });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`${item.key} holds an invalid value`));
  });

  it('writes a companion in the same call as its item, as `of` says, and removes it with the item', async () => {
    const stamp = defineItem({
      key: uniqueKey('cache'),
      area: 'local',
      schema: v.nullable(v.number()),
      fallback: null,
    });
    const item = defineItem({
      key: uniqueKey('cache'),
      area: 'local',
      schema: v.array(v.string()),
      fallback: [],
      packed: true,
      companion: { item: stamp, of: async (names) => names.length },
    });
    const sent: unknown[] = [];
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation((items) => {
      sent.push(items);
      return set(items);
    });
    await item.set(['SG-Ops', 'SG-Dev']);
    await item.update((names) => [...names, 'SG-Prod']);
    // One call each: no reader sees an item with another value's stamp.
    expect(sent).toEqual([
      { [item.key]: '["SG-Ops","SG-Dev"]', [stamp.key]: 2 },
      { [item.key]: '["SG-Ops","SG-Dev","SG-Prod"]', [stamp.key]: 3 },
    ]);
    expect(await stamp.get()).toBe(3);
    await item.remove();
    expect(await fakeBrowser.storage.local.get([item.key, stamp.key])).toEqual({});
    const elsewhere = defineItem({ key: uniqueKey('cache'), area: 'session', schema: v.number(), fallback: 0 });
    expect(() =>
      defineItem({
        key: uniqueKey('cache'),
        area: 'local',
        schema: v.string(),
        fallback: '',
        companion: { item: elsewhere, of: () => 1 },
      }),
    ).toThrow(/must be in its area/);
  });

  it('lands writes with a companion in the order they were asked for, however long each companion takes', async () => {
    const stamp = defineItem({ key: uniqueKey('cache'), area: 'local', schema: v.string(), fallback: '' });
    const slowFirst = [50, 0];
    const item = defineItem({
      key: uniqueKey('cache'),
      area: 'local',
      schema: v.string(),
      fallback: '',
      companion: {
        item: stamp,
        of: (value) => new Promise<string>((resolve) => setTimeout(() => resolve(`of ${value}`), slowFirst.shift())),
      },
    });
    await Promise.all([item.set('first'), item.set('second')]);
    expect(await fakeBrowser.storage.local.get([item.key, stamp.key])).toEqual({
      [item.key]: 'second',
      [stamp.key]: 'of second',
    });
  });

  it('writes through the same schema, and refuses what a reader would have to repair', async () => {
    const item = prefs();
    await expect(item.set({ minutes: 1, name: 'x' })).rejects.toThrow(/minutes reset to default/);
    expect(await fakeBrowser.storage.local.get(item.key)).toEqual({});
    const strict = defineItem({ key: uniqueKey(), area: 'local', schema: v.picklist(['a', 'b']), fallback: 'a' });
    await expect(strict.set('c' as 'a')).rejects.toThrow();
    expect(await fakeBrowser.storage.local.get(strict.key)).toEqual({});
  });

  it('keeps areas apart', async () => {
    const item = defineItem({ key: uniqueKey('session'), area: 'session', schema: v.string(), fallback: '' });
    await item.set('draft');
    expect(await fakeBrowser.storage.local.get(item.key)).toEqual({});
    expect(await item.get()).toBe('draft');
    await item.remove();
    expect(await item.get()).toBe('');
  });

  it('treats managed items as read-only', async () => {
    const item = defineItem({ key: `policy${++n}`, area: 'managed', schema: v.string(), fallback: 'none' });
    await expect(item.set('x')).rejects.toThrow(/managed by policy/);
    await fakeBrowser.storage.managed.set({ [item.key]: 'pushed' });
    expect(await item.get()).toBe('pushed');
  });

  it('reads an absent managed policy as "not managed", even where the browser throws', async () => {
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const item = defineItem({ key: `policy${++n}`, area: 'managed', schema: v.string(), fallback: '' });
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValueOnce(new Error('Managed storage manifest not found'));
    expect(await item.get()).toBe('');
  });

  it('tells watchers about changes in its own area and key only', async () => {
    const item = prefs();
    const other = prefs();
    const seen: unknown[] = [];
    const stop = item.watch((value) => seen.push(value));
    await other.set({ minutes: 10, name: 'other' });
    await item.set({ minutes: 30, name: 'watched' });
    stop();
    await item.set({ minutes: 45, name: 'after' });
    expect(seen).toEqual([{ minutes: 30, name: 'watched' }]);
  });

  it('rejects keys without a namespace and keys declared twice', () => {
    expect(() => defineItem({ key: 'tenant', area: 'local', schema: v.string(), fallback: '' })).toThrow(/naming rule/);
    expect(() => defineItem({ key: 'settings:x', area: 'managed', schema: v.string(), fallback: '' })).toThrow(
      /naming rule/,
    );
    const key = uniqueKey();
    defineItem({ key, area: 'local', schema: v.string(), fallback: '' });
    expect(() => defineItem({ key, area: 'local', schema: v.string(), fallback: '' })).toThrow(/declared twice/);
    expect(declaredKeys().get(key)).toBe('local');
  });
});
