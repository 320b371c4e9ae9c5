// Property-based tests of `update`: whatever order storage answers in, and however the updaters
// interleave, every write lands, in the order the writes were asked for.
import { fakeBrowser } from '@webext-core/fake-browser';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { defineItem } from './storage.ts';

const RUNS = 300;

const listItem = (key: string) =>
  defineItem({ key, area: 'local', schema: v.array(v.string()), fallback: [] as string[] });
const first = listItem('history:updateTestA');
const second = listItem('history:updateTestB');

/** One writer's change: append a mark (after a pause of its own), or replace the whole list (a clear). */
type Op = { key: 0 | 1; kind: 'append'; mark: string; pauses: number } | { key: 0 | 1; kind: 'clear' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      key: fc.constantFrom(0, 1),
      kind: fc.constant('append'),
      mark: fc.string({ maxLength: 4 }),
      pauses: fc.nat(3),
    }),
  },
  { weight: 1, arbitrary: fc.record({ key: fc.constantFrom(0, 1), kind: fc.constant('clear') }) },
) as fc.Arbitrary<Op>;

/** The list each key must end with: the changes applied one after another, in the order they were asked for. */
function expected(ops: readonly Op[], key: 0 | 1): string[] {
  const list: string[] = [];
  for (const op of ops.filter((o) => o.key === key)) {
    if (op.kind === 'clear') list.length = 0;
    else list.push(op.mark);
  }
  return list;
}

/** Every storage read and write answers when the scheduler says, in the order it picks. */
function scheduleStorage(s: fc.Scheduler) {
  const area = fakeBrowser.storage.local;
  const get = area.get.bind(area) as (keys: string) => Promise<Record<string, unknown>>;
  const set = area.set.bind(area) as (items: Record<string, unknown>) => Promise<void>;
  vi.spyOn(area, 'get').mockImplementation(((keys: string) => s.schedule(get(keys), 'get')) as typeof area.get);
  vi.spyOn(area, 'set').mockImplementation(((items: Record<string, unknown>) =>
    s.schedule(set(items), 'set')) as typeof area.set);
}

describe('update: concurrent writers on one key never lose a write', () => {
  it.each([
    ['one key', [0] as ReadonlyArray<0 | 1>],
    ['two keys', [0, 1] as ReadonlyArray<0 | 1>],
  ])('with random interleavings on %s', async (_name, keys) => {
    await fc.assert(
      fc
        .asyncProperty(fc.scheduler(), fc.array(opArb, { minLength: 1, maxLength: 12 }), async (s, raw) => {
          const ops = raw.map((op) => ({ ...op, key: keys.includes(op.key) ? op.key : 0 })) as Op[];
          fakeBrowser.reset();
          vi.restoreAllMocks();
          scheduleStorage(s);
          const items = [first, second];
          const writes = ops.map((op) => {
            const item = items[op.key] as typeof first;
            if (op.kind === 'clear') return item.set([]);
            return item.update(async (list) => {
              // The updater itself takes time, and other updaters are asked for meanwhile.
              for (let i = 0; i < op.pauses; i += 1) await s.schedule(Promise.resolve(), 'pause');
              return [...list, op.mark];
            });
          });
          await s.waitFor(Promise.all(writes));
          vi.restoreAllMocks();
          expect(await first.get()).toEqual(expected(ops, 0));
          expect(await second.get()).toEqual(expected(ops, 1));
        })
        .afterEach(() => vi.restoreAllMocks()),
      { numRuns: RUNS },
    );
  });

  it('a failed update rejects for its caller and the next one still runs', async () => {
    await expect(
      first.update(() => {
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await first.update((list) => [...list, 'after'])).toEqual(['after']);
    expect(await first.get()).toEqual(['after']);
  });

  it('writes nothing when the value comes back equal, even changed in place and put back', async () => {
    await first.set(['a']);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await first.update((list) => {
      list.push('b');
      list.pop();
      return list;
    });
    expect(set).not.toHaveBeenCalled();
    await first.update((list) => {
      list.push('b');
      return list;
    });
    expect(set.mock.calls).toEqual([[{ [first.key]: ['a', 'b'] }]]);
  });
});
