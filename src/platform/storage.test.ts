import { fakeBrowser } from '@webext-core/fake-browser';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { declaredKeys, defineItem } from './storage.ts';

// Each test declares its own keys: a key may be declared only once per process.
let n = 0;
const uniqueKey = (ns = 'settings') => `${ns}:test${++n}`;

const prefs = () =>
  defineItem({
    key: uniqueKey(),
    area: 'local',
    schema: v.object({
      minutes: v.fallback(v.pipe(v.number(), v.integer(), v.minValue(5)), 60),
      name: v.fallback(v.string(), 'me'),
    }),
    fallback: { minutes: 60, name: 'me' },
  });

describe('typed storage items', () => {
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

  it('falls back per field: one bad field does not lose the others', async () => {
    const item = prefs();
    await fakeBrowser.storage.local.set({ [item.key]: { minutes: 'ninety', name: 'Adele' } });
    expect(await item.get()).toEqual({ minutes: 60, name: 'Adele' });
  });

  it('falls back whole, with a logged reason, when the value is not even the right kind', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const item = prefs();
    await fakeBrowser.storage.local.set({ [item.key]: '{"minutes": 9' });
    expect(await item.get()).toEqual({ minutes: 60, name: 'me' });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`${item.key} holds an invalid value`));
  });

  it('writes through the same schema, so what is stored is always what a reader accepts', async () => {
    const item = prefs();
    await item.set({ minutes: 1, name: 'x' });
    expect(await fakeBrowser.storage.local.get(item.key)).toEqual({ [item.key]: { minutes: 60, name: 'x' } });
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
