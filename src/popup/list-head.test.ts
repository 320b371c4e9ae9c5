import { fakeBrowser } from '@webext-core/fake-browser';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listCollator, orderSections } from '../core/list.ts';
import { listRevision } from '../core/list-revision.ts';
import type { GroupItem, Operation } from '../core/pim-state.ts';
import { shownNames } from '../core/shown-name.ts';
import { t } from '../platform/i18n.ts';
import { partialListItem } from '../platform/partial-list-item.ts';
import { listHeadItem, listStampItem, snapshotItem } from '../platform/pim-items.ts';
import { item } from '../test-support/group-items.ts';
import { AT_OPEN, FIRST_ROWS, headHolds, headInputs, type ListHead } from './list-head.ts';
import { liveKeys } from './live.ts';
import { type HeadSource, listHeadOf, saveListHead } from './save-list-head.ts';

const NOW = Date.UTC(2026, 11, 6, 12, 0);
const MINUTE = 60_000;
const ACCOUNT = 'oid.tid';
const LOCALE = 'en';

afterEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

const activeUntil = (endMs: number): Partial<GroupItem> => ({
  active: { assignmentType: 'activated', startMs: NOW - MINUTE, endMs },
});
const running = (key: string): Operation => ({ key, kind: 'activate', phase: 'running', startedAtMs: NOW });

function source(items: GroupItem[], patch: Partial<HeadSource> = {}): HeadSource {
  return {
    snapshot: { accountId: ACCOUNT, fetchedAtMs: NOW, items },
    favourites: [],
    recent: {},
    operations: {},
    locale: LOCALE,
    nowMs: NOW,
    ...patch,
  };
}

/** The list's first screen as a popup opening at `nowMs` shows it: each row's key, section and shown name. */
function firstScreen(s: HeadSource, items: readonly GroupItem[], nowMs: number) {
  const live = new Set(liveKeys(items, s.operations, AT_OPEN, nowMs).split(' '));
  const names = shownNames(items, (id) => t('groupNameUnavailable', id));
  const ordered = orderSections(items, { ...s, collator: listCollator(s.locale), live });
  return ordered.slice(0, FIRST_ROWS).map(({ entry, section }) => ({
    key: entry.key,
    section,
    name: names.get(entry.key)?.text,
    suffix: names.get(entry.key)?.suffix,
  }));
}

/** What the popup compares the head with as it opens. */
async function opening(s: HeadSource, nowMs: number, patch: Partial<HeadSource> = {}) {
  const now = { ...s, ...patch };
  return {
    revision: await listRevision(now.snapshot.accountId, now.snapshot.items),
    accountId: ACCOUNT as string | undefined,
    inputs: headInputs(now.locale, now.favourites, now.recent, now.operations),
    operations: now.operations,
    nowMs,
  };
}

describe('the list head', () => {
  // Names from a few letters (with look-alikes: an invisible character, another composition, an
  // empty name), states of every kind, and inputs drawn from the list's own keys.
  const nameArb = fc.constantFrom(
    'Ops',
    'Ops\u200B',
    'Ope\u0301',
    'Opé',
    'Dev',
    'dev',
    'Prod',
    '',
    '\u200B',
    'Äb',
    'Ab',
  );
  const stateArb = fc.constantFrom<Partial<GroupItem>>(
    {},
    {},
    activeUntil(NOW + 30 * MINUTE),
    activeUntil(NOW + 5 * MINUTE),
    { active: { assignmentType: 'assigned', startMs: NOW - MINUTE, endMs: null } },
    { pending: { requestId: 'r', createdMs: NOW, startMs: null } },
    { scheduled: { requestId: 's', startMs: NOW + MINUTE, endMs: null } },
  );
  // Mostly more rows than a screen: a group's name is its first row's, and it is listed once per access.
  const listArb = fc
    .array(fc.tuple(nameArb, fc.integer({ min: 0, max: 60 }), fc.boolean(), stateArb), { minLength: 5, maxLength: 45 })
    .map((rows) => {
      const names = new Map<number, string>();
      const byKey = new Map<string, GroupItem>();
      for (const [name, id, owner, state] of rows) {
        if (!names.has(id)) names.set(id, name);
        const groupName = names.get(id) ?? name;
        const it = item(groupName, { groupId: `g${id}`, accessId: owner ? 'owner' : 'member', ...state });
        byKey.set(it.key, it);
      }
      return [...byKey.values()];
    });
  const caseArb = listArb.chain((items) => {
    const keys = items.map((i) => i.key);
    const keyArb = keys.length ? fc.constantFrom(...keys) : fc.constant('none:member');
    return fc.record({
      items: fc.constant(items),
      favourites: fc.uniqueArray(keyArb, { maxLength: 6 }),
      recent: fc.dictionary(keyArb, fc.integer({ min: 1, max: 100 }), { maxKeys: 6 }),
      operations: fc
        .uniqueArray(keyArb, { maxLength: 3 })
        .map((k) => Object.fromEntries(k.map((key) => [key, running(key)]))),
      later: fc.integer({ min: 0, max: 60 }).map((m) => m * MINUTE),
    });
  });

  it('is the first screen of the whole list whenever it holds, and holds while nothing that orders the list changed', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ items, favourites, recent, operations, later }) => {
        const s = source(items, { favourites, recent, operations });
        const head = await listHeadOf(s);
        // Opened at once, nothing changed: it holds.
        expect(headHolds(head, await opening(s, NOW))).toBe(true);
        // Opened later (activations may have ended meanwhile): when it holds, it is exactly what
        // the whole list would show first, sections and told-apart names included.
        if (headHolds(head, await opening(s, NOW + later))) {
          expect(firstScreen(s, head.items, NOW + later)).toEqual(firstScreen(s, items, NOW + later));
        }
        expect(head.total).toBe(items.length);
      }),
      { numRuns: 300 },
    );
  });

  it('does not hold for another list, account, language, favourite, recent use or operation', async () => {
    const items = Array.from({ length: 30 }, (_, i) => item(`SG-${String(i).padStart(2, '0')}`));
    const s = source(items);
    const head = await listHeadOf(s);
    const far = items[25] as GroupItem;
    expect(head.items.map((i) => i.groupName)).toEqual(items.slice(0, FIRST_ROWS).map((i) => i.groupName));
    expect(headHolds(head, await opening(s, NOW))).toBe(true);
    const renamed = items.with(25, { ...far, groupName: 'SG-25 renamed' });
    expect(headHolds(head, await opening(s, NOW, { snapshot: { ...s.snapshot, items: renamed } }))).toBe(false);
    expect(headHolds(head, { ...(await opening(s, NOW)), accountId: 'other.tid' })).toBe(false);
    expect(headHolds(head, await opening(s, NOW, { locale: 'sv' }))).toBe(false);
    expect(headHolds(head, await opening(s, NOW, { favourites: [far.key] }))).toBe(false);
    expect(headHolds(head, await opening(s, NOW, { recent: { [far.key]: NOW } }))).toBe(false);
    // A request running for a row far down puts it in "Now", at the top.
    expect(headHolds(head, await opening(s, NOW, { operations: { [far.key]: running(far.key) } }))).toBe(false);
    // One that succeeded does not.
    const done: Operation = { ...running(far.key), phase: 'succeeded' };
    expect(headHolds(head, await opening(s, NOW, { operations: { [far.key]: done } }))).toBe(true);
    expect(headHolds(null, await opening(s, NOW))).toBe(false);
  });

  it('does not hold once an activation among its rows has ended; one ending further down leaves it', async () => {
    const items = Array.from({ length: 30 }, (_, i) =>
      item(`SG-${String(i).padStart(2, '0')}`, i === 3 ? activeUntil(NOW + 10 * MINUTE) : {}),
    );
    const many = Array.from({ length: 20 }, (_, i) =>
      item(`Now-${String(i).padStart(2, '0')}`, activeUntil(NOW + (i + 1) * MINUTE)),
    );
    const s = source(items);
    const head = await listHeadOf(s);
    expect(head.items[0]?.groupName).toBe('SG-03'); // in "Now"
    expect(headHolds(head, await opening(s, NOW + 9 * MINUTE))).toBe(true);
    expect(headHolds(head, await opening(s, NOW + 10 * MINUTE))).toBe(false);
    // 20 active rows, ending a minute apart: the head's 13 end first only in the list's order, which
    // is by name; the ones ending at minutes 14 to 20 are below it.
    const busy = source(many);
    const busyHead = await listHeadOf(busy);
    expect(busyHead.items.map((i) => i.groupName)).toEqual(many.slice(0, FIRST_ROWS).map((i) => i.groupName));
    expect(headHolds(busyHead, await opening(busy, NOW + MINUTE))).toBe(false); // Now-00 ended
    const lastEnds = source(many.map((it, i) => (i < FIRST_ROWS ? { ...it, ...activeUntil(NOW + 60 * MINUTE) } : it)));
    const lastHead = await listHeadOf(lastEnds);
    expect(headHolds(lastHead, await opening(lastEnds, NOW + 20 * MINUTE))).toBe(true);
  });

  it('takes every row whose name looks like one of its own, so the suffixes that tell them apart are the same', async () => {
    const items = [
      ...Array.from({ length: 30 }, (_, i) => item(`SG-${String(i).padStart(2, '0')}`)),
      item('SG-17', { groupId: 'id-other-SG-17-9f2a' }),
      item('SG\u200B-18', { groupId: 'id-other-SG-18-77b1' }),
    ];
    // The first screen is the 13 favourites; their look-alikes are far down, among the rest.
    const favourites = items.slice(17, 30).map((i) => i.key);
    const s = source(items, { favourites });
    const head = await listHeadOf(s);
    expect(head.items.map((i) => i.groupId)).toEqual([
      ...items.slice(17, 30).map((i) => i.groupId),
      'id-other-SG-17-9f2a',
      'id-other-SG-18-77b1',
    ]);
    expect(firstScreen(s, head.items, NOW).map((row) => row.suffix)).toEqual([
      '…G-17',
      '…G-18',
      ...Array(11).fill(undefined),
    ]);
  });

  it('has the revision the background stores with the list', async () => {
    const items = [item('SG-Ops', activeUntil(NOW + MINUTE)), item('SG-Dev')];
    await snapshotItem.set({ accountId: ACCOUNT, fetchedAtMs: NOW, items });
    const stored = await snapshotItem.get();
    const head = await listHeadOf(source(stored?.items ?? []));
    expect(await listStampItem.get()).toEqual({ revision: head.revision, fetchedAtMs: NOW });
    // A refresh that finds the same list keeps the revision.
    await snapshotItem.set({ accountId: ACCOUNT, fetchedAtMs: NOW + MINUTE, items });
    expect(await listStampItem.get()).toEqual({ revision: head.revision, fetchedAtMs: NOW + MINUTE });
  });

  it('is not ordered and saved again while the stored one still holds for the stored list', async () => {
    const items = Array.from({ length: 20 }, (_, i) => item(`SG-${String(i).padStart(2, '0')}`));
    await snapshotItem.set({ accountId: ACCOUNT, fetchedAtMs: NOW, items });
    await saveListHead(source(items));
    const saved = await listHeadItem.get();
    const update = vi.spyOn(listHeadItem, 'update');
    await saveListHead(source(items, { nowMs: NOW + MINUTE }));
    expect(update).not.toHaveBeenCalled();
    // A favourite starred since: saved again, with it first.
    const favourites = [(items[19] as GroupItem).key];
    await saveListHead(source(items, { favourites }));
    expect(update).toHaveBeenCalledOnce();
    expect((await listHeadItem.get())?.items[0]?.groupName).toBe('SG-19');
    expect(saved?.items[0]?.groupName).toBe('SG-00');
  });

  it('is saved for a whole list, not for the first pages of one still being read', async () => {
    const items = [item('SG-Ops'), item('SG-Dev')];
    await snapshotItem.set({ accountId: ACCOUNT, fetchedAtMs: NOW, items });
    await partialListItem.set({ accountId: ACCOUNT, fetchedAtMs: NOW });
    await saveListHead(source(items));
    expect(await listHeadItem.get()).toBeNull();
    await partialListItem.set(null);
    await saveListHead(source(items));
    const saved = (await listHeadItem.get()) as ListHead;
    expect(saved).toEqual(await listHeadOf(source(items)));
    expect(saved.items.map((i) => i.groupName)).toEqual(['SG-Dev', 'SG-Ops']);
  });

  it('is saved only for the list stored when it is written: never for one replaced or dropped meanwhile', async () => {
    const items = [item('SG-Ops'), item('SG-Dev')];
    // Nothing stored (signed out, or the account switched): nothing written.
    await saveListHead(source(items));
    expect(await listHeadItem.get()).toBeNull();
    // Another list stored while this one's head was being ordered: that list's stays.
    await snapshotItem.set({ accountId: ACCOUNT, fetchedAtMs: NOW, items });
    await saveListHead(source(items));
    const kept = await listHeadItem.get();
    const stamp = vi.spyOn(listStampItem, 'get');
    stamp.mockResolvedValueOnce({ revision: 'f'.repeat(64), fetchedAtMs: NOW }).mockResolvedValueOnce({
      revision: 'e'.repeat(64),
      fetchedAtMs: NOW,
    });
    await saveListHead(source([item('SG-New')]));
    expect(await listHeadItem.get()).toEqual(kept);
  });
});
