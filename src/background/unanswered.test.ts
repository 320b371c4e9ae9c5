import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../core/history.ts';
import type { ScheduleRequest } from '../graph/schemas.ts';
import {
  historyItem,
  type Unanswered,
  type UnansweredChange,
  unansweredChangesItem,
  unansweredItem,
} from '../platform/history-items.ts';
import { noteChange, noteRequest, recordActivation, settleChange } from './history.ts';
import { GIVE_UP_MS, reconcileUnanswered, type UnansweredDeps } from './unanswered.ts';

// A stopped worker's (or a closed browser's) requests: the next worker finds each in Graph's list
// of the user's requests and records its outcome. Graph and the account are injected; the history
// and its notes are the real storage items.

const NOW = Date.UTC(2026, 10, 30, 12, 0);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const B = 'bbbbbbbb-0000-4000-8000-00000000000b';

const note = (patch: Partial<Unanswered>): Unanswered => ({
  id: `note-${patch.groupId ?? A}`,
  groupId: A,
  groupName: 'SG-A',
  accessId: 'member',
  requestedAtMs: NOW - 2 * MINUTE,
  startMs: NOW - 2 * MINUTE,
  durationMinutes: 60,
  justification: 'INC-1',
  accountId: 'oid.tid',
  sentAtMs: NOW - 2 * MINUTE,
  ...patch,
});
const entryOf = (n: Unanswered, patch: Partial<HistoryEntry>): HistoryEntry => {
  const { accountId: _a, sentAtMs: _s, ...draft } = n;
  return { ...draft, outcome: 'active', ...patch } as HistoryEntry;
};
const request = (patch: Partial<ScheduleRequest>): ScheduleRequest => ({
  id: 'r1',
  status: 'provisioned',
  groupId: A,
  accessId: 'member',
  action: 'selfactivate',
  createdDateTime: NOW - 2 * MINUTE + 3_000,
  ...patch,
});

function deps(requests: Record<string, ScheduleRequest[] | Error>) {
  return {
    accountId: vi.fn(async () => 'oid.tid'),
    now: vi.fn(async () => NOW),
    requestsFor: vi.fn(async (groupId: string) => {
      const found = requests[groupId] ?? [];
      if (found instanceof Error) throw found;
      return found;
    }),
    wakeAt: vi.fn(async (_serverMs: number) => undefined),
  } satisfies UnansweredDeps;
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  for (const level of ['info', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(() => {});
});

describe('requests whose answer a stopped worker never recorded', () => {
  it('records what Graph did with each, in the history, and drops the notes', async () => {
    const a = note({});
    const b = note({ groupId: B, groupName: 'SG-B', id: 'note-b' });
    await unansweredItem.set([a, b]);
    const d = deps({ [A]: [request({})], [B]: [request({ id: 'r2', groupId: B, status: 'pendingapproval' })] });
    await reconcileUnanswered(d);
    expect(await historyItem.get()).toEqual([entryOf(b, { outcome: 'pendingApproval' }), entryOf(a, {})]);
    expect(await unansweredItem.get()).toEqual([]);
    expect(d.wakeAt).not.toHaveBeenCalled();
  });

  it.each([
    ['denied', { outcome: 'denied' }],
    ['canceled', { outcome: 'cancelled' }],
    ['granted', { outcome: 'active' }],
    ['failed', { outcome: 'failed', error: 'Microsoft could not carry out the activation of SG-A.' }],
  ] as const)('Graph status %s → %o', async (status, expected) => {
    const a = note({});
    await unansweredItem.set([a]);
    await reconcileUnanswered(deps({ [A]: [request({ status })] }));
    const [entry] = await historyItem.get();
    expect(entry?.outcome).toBe(expected.outcome);
    if ('error' in expected) expect(entry?.error).toMatch(/^Microsoft could not carry out the activation of SG-A\./);
  });

  it('a future start is recorded as scheduled', async () => {
    const a = note({});
    await unansweredItem.set([a]);
    const later = NOW + 60 * MINUTE;
    await reconcileUnanswered(deps({ [A]: [request({ status: 'granted', scheduleInfo: { startDateTime: later } })] }));
    expect(await historyItem.get()).toEqual([entryOf(a, { outcome: 'scheduled' })]);
  });

  it('only the matching request counts: same access, an activation, sent around the note', async () => {
    const a = note({});
    await unansweredItem.set([a]);
    const d = deps({
      [A]: [
        request({ id: 'old', createdDateTime: NOW - 60 * MINUTE }),
        request({ id: 'owner', accessId: 'owner' }),
        request({ id: 'off', action: 'selfdeactivate' }),
      ],
    });
    await reconcileUnanswered(d);
    // Not listed (yet): Graph may still hold it; the worker looks again when the wait is over.
    expect(await historyItem.get()).toEqual([]);
    expect(await unansweredItem.get()).toEqual([a]);
    expect(d.wakeAt).toHaveBeenCalledWith(a.sentAtMs + GIVE_UP_MS);
  });

  it('a request Graph never listed is recorded as not received once the wait is over', async () => {
    const a = note({ sentAtMs: NOW - GIVE_UP_MS, requestedAtMs: NOW - GIVE_UP_MS });
    await unansweredItem.set([a]);
    await reconcileUnanswered(deps({ [A]: [] }));
    expect(await historyItem.get()).toEqual([
      entryOf(a, {
        outcome: 'failed',
        error:
          'Microsoft has no record of the activation request for SG-A: the browser stopped before it arrived. Activate it again if you still need access.',
      }),
    ]);
    expect(await unansweredItem.get()).toEqual([]);
  });

  it("keeps the notes when Graph cannot be read, and another account's until it is active", async () => {
    const a = note({});
    const other = note({ groupId: B, id: 'note-b', accountId: 'someone.else' });
    await unansweredItem.set([a, other]);
    const d = deps({ [A]: new Error('offline') });
    await reconcileUnanswered(d);
    expect(d.requestsFor.mock.calls).toEqual([[A]]);
    expect(await unansweredItem.get()).toEqual([a, other]);
    expect(await historyItem.get()).toEqual([]);
  });

  it("never touches this worker's own request while it waits for Graph's answer", async () => {
    const id = await noteRequest(
      { groupId: A, accessId: 'member', durationMinutes: 60, justification: 'INC-1' },
      'SG-A',
      NOW,
      { accountId: 'oid.tid', sentAtMs: NOW },
    );
    const d = deps({ [A]: [request({ createdDateTime: NOW })] });
    await reconcileUnanswered(d);
    expect(d.requestsFor).not.toHaveBeenCalled();
    expect(await unansweredItem.get()).toHaveLength(1);
    // Its own answer settles it: one entry, with the note's id.
    await recordActivation(
      { groupId: A, accessId: 'member', durationMinutes: 60, justification: 'INC-1' },
      'SG-A',
      NOW,
      { outcome: { status: 'active', endMs: NOW + 60 * MINUTE } },
      id,
    );
    expect((await historyItem.get()).map((e) => [e.id, e.outcome])).toEqual([[id, 'active']]);
    expect(await unansweredItem.get()).toEqual([]);
  });

  it('two notes for one group each take their own request', async () => {
    const first = note({ id: 'n1', sentAtMs: NOW - 30 * MINUTE, requestedAtMs: NOW - 30 * MINUTE });
    const second = note({ id: 'n2' });
    await unansweredItem.set([first, second]);
    await reconcileUnanswered(
      deps({
        [A]: [
          request({ id: 'r2', createdDateTime: second.sentAtMs + 1_000, status: 'pendingapproval' }),
          request({ id: 'r1', createdDateTime: first.sentAtMs + 1_000, status: 'revoked' }),
        ],
      }),
    );
    expect((await historyItem.get()).map((e) => [e.id, e.outcome])).toEqual([
      ['n2', 'pendingApproval'],
      ['n1', 'deactivated'],
    ]);
  });
});

describe('deactivations and cancels whose answer a stopped worker never recorded', () => {
  const change = (patch: Partial<UnansweredChange>): UnansweredChange => ({
    id: 'c1',
    kind: 'deactivate',
    groupId: A,
    accessId: 'member',
    accountId: 'oid.tid',
    sentAtMs: NOW - 2 * MINUTE,
    ...patch,
  });
  const earlier = (outcome: HistoryEntry['outcome']): HistoryEntry =>
    entryOf(note({ requestedAtMs: NOW - 60 * MINUTE, startMs: NOW - 60 * MINUTE }), { outcome });

  it('a deactivation Graph carried out marks the activation deactivated', async () => {
    await historyItem.set([earlier('active')]);
    await unansweredChangesItem.set([change({})]);
    await reconcileUnanswered(deps({ [A]: [request({ action: 'selfdeactivate', status: 'provisioned' })] }));
    expect((await historyItem.get()).map((e) => e.outcome)).toEqual(['deactivated']);
    expect(await unansweredChangesItem.get()).toEqual([]);
  });

  it('a cancel Graph carried out marks the request cancelled', async () => {
    await historyItem.set([earlier('pendingApproval')]);
    await unansweredChangesItem.set([change({ kind: 'cancel', requestId: 'p1' })]);
    await reconcileUnanswered(
      deps({ [A]: [request({ id: 'p1', status: 'canceled', createdDateTime: NOW - 60 * MINUTE })] }),
    );
    expect((await historyItem.get()).map((e) => e.outcome)).toEqual(['cancelled']);
    expect(await unansweredChangesItem.get()).toEqual([]);
  });

  it('the last owner (PIM keeps retrying) is not deactivated; after the wait the note goes and the history stays', async () => {
    await historyItem.set([earlier('active')]);
    await unansweredChangesItem.set([change({ accessId: 'owner' })]);
    const lastOwner = [request({ accessId: 'owner', action: 'selfdeactivate', status: 'pendingprovisioning' })];
    const d = deps({ [A]: lastOwner });
    await reconcileUnanswered(d);
    expect(await unansweredChangesItem.get()).toHaveLength(1);
    expect(d.wakeAt).toHaveBeenCalledWith(NOW - 2 * MINUTE + GIVE_UP_MS);
    await unansweredChangesItem.set([change({ accessId: 'owner', sentAtMs: NOW - GIVE_UP_MS })]);
    await reconcileUnanswered(deps({ [A]: lastOwner }));
    expect(await unansweredChangesItem.get()).toEqual([]);
    expect((await historyItem.get()).map((e) => e.outcome)).toEqual(['active']);
  });

  it('a lookup that races with the answer itself changes nothing more (an older entry keeps its outcome)', async () => {
    const older = entryOf(note({ id: 'older', requestedAtMs: NOW - DAY }), {});
    await historyItem.set([earlier('active'), older]);
    const target = { groupId: A, accessId: 'member' as const };
    const id = await noteChange({ kind: 'deactivate', ...target, accountId: 'oid.tid', sentAtMs: NOW });
    // The worker's own answer, then a lookup that read the note just before it was settled.
    await settleChange(id, target, 'deactivated');
    await settleChange(id, target, 'deactivated', true);
    expect((await historyItem.get()).map((e) => e.outcome)).toEqual(['deactivated', 'active']);
  });
});
