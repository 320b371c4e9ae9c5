import { describe, expect, it } from 'vitest';
import type { GroupItem, PimSnapshot } from './pim-state.ts';
import { type WatchState, watchStep } from './watch.ts';
import { emptyWatchState } from './watch-state.ts';

const M = 60_000;
const H = 60 * M;
const T = 1_000 * H;
const settings = { expiringLeadMinutes: 10 };

const item = (key: string, extra: Partial<GroupItem> = {}): GroupItem => ({
  key,
  groupId: key,
  groupName: `Group ${key}`,
  accessId: 'member',
  eligible: true,
  eligibleUntilMs: null,
  ...extra,
});
const activeItem = (key: string, startMs: number, endMs: number) =>
  item(key, { active: { assignmentType: 'activated', startMs, endMs } });
const snap = (items: GroupItem[], fetchedAtMs = T, accountId = 'adele'): PimSnapshot => ({
  accountId,
  fetchedAtMs,
  items,
});

/** Runs steps in order, carrying the state, and returns every step. */
function run(steps: Array<[PimSnapshot | null, number]>, start: WatchState = emptyWatchState('adele')) {
  let state = start;
  return steps.map(([snapshot, now]) => {
    const step = watchStep(state, snapshot, now, settings);
    state = step.state;
    return step;
  });
}
const kinds = (step: { events: Array<{ kind: string }> }) => step.events.map((e) => e.kind);

describe('watching activations', () => {
  it('announces a new activation once, warns before the end, and says when it ended', () => {
    const a = activeItem('a', T, T + H);
    const steps = run([
      [snap([]), T - M],
      [snap([a]), T],
      [snap([a]), T + 5 * M],
      [snap([a]), T + 50 * M],
      [snap([a]), T + 55 * M],
      [snap([a]), T + H + 1],
      [snap([], T + H + 2_000), T + H + 2_000],
    ]);
    expect(steps.map(kinds)).toEqual([[], ['activated'], [], ['expiringSoon'], [], [], ['ended']]);
    expect(steps[1]?.nextWakeMs).toBe(T + 50 * M);
    expect(steps[3]?.nextWakeMs).toBe(T + H);
    // Its time is up by the clock: Graph is asked, and "has ended" waits for its list.
    expect(steps[5]?.refreshDue).toBe(true);
    expect(steps[6]?.events[0]).toMatchObject({ kind: 'ended', early: false, groupName: 'Group a' });
  });

  it('takes our record and Graph’s list of one activation as one: one notification, the end Graph granted', () => {
    // The background's record right after the request (milliseconds, the end it asked for), then
    // Graph's list (whole seconds, the end it granted).
    const ours = activeItem('a', T + 437, T + 437 + 8 * H);
    const graphs = activeItem('a', T, T + 9 * M);
    const steps = run([
      [snap([]), T - M],
      [snap([ours], T - M), T + 500],
      [snap([graphs], T + 2_000), T + 2_000],
      [snap([], T + 9 * M + 1), T + 9 * M + 1],
    ]);
    expect(steps.map((s) => s.events.map((e) => e.id))).toEqual([
      [],
      [`activated:a:${T + 437}`],
      [`expiring:a:${T + 9 * M}`],
      [`ended:a:${T + 9 * M}`],
    ]);
    expect(steps[3]?.events[0]).toMatchObject({ early: false });
  });

  it('warns once before the end when Graph’s end differs from ours only by rounding', () => {
    const steps = run([
      [snap([]), T - M],
      [snap([activeItem('a', T + 437, T + 437 + H)], T - M), T + 51 * M],
      [snap([activeItem('a', T, T + H)], T + 51 * M), T + 51 * M],
      [snap([], T + H + 1), T + H + 1],
    ]);
    expect(steps.map((s) => s.events.map((e) => e.id))).toEqual([
      [],
      [`activated:a:${T + 437}`, `expiring:a:${T + 437 + H}`],
      [],
      [`ended:a:${T + 437 + H}`],
    ]);
  });

  it('tells a new activation from the old one when they start further apart than the tolerance', () => {
    const steps = run([
      [snap([]), T - M],
      [snap([activeItem('a', T, T + H)]), T],
      [snap([activeItem('a', T + H + M, T + 2 * H)]), T + H + M],
    ]);
    expect(steps[2]?.events.map((e) => e.id)).toEqual([`activated:a:${T + H + M}`, `ended:a:${T + H}`]);
  });

  it('does not announce what was already active when it first looks at an account', () => {
    const steps = run([[snap([activeItem('a', T - H, T + H)]), T]], emptyWatchState());
    expect(kinds(steps[0] as never)).toEqual([]);
    expect(steps[0]?.nextWakeMs).toBe(T + 50 * M);
  });

  it('reports a deactivation as an early end', () => {
    const a = activeItem('a', T, T + H);
    const steps = run([
      [snap([]), T - M],
      [snap([a]), T],
      [snap([item('a')]), T + 10 * M],
    ]);
    expect(steps[2]?.events).toEqual([expect.objectContaining({ kind: 'ended', early: true })]);
  });

  it('flags once an activation Graph still lists well after its end (the last owner)', () => {
    const a = activeItem('a', T, T + H);
    const later = T + H + 10 * M;
    const steps = run([
      [snap([]), T - M],
      [snap([a]), T],
      [snap([a], later), later],
      [snap([a], later + M), later + M],
    ]);
    // Not "has ended" as well: it has not.
    expect(kinds(steps[2] as never)).toEqual(['stillActive']);
    // Read after the end already: asking Graph again would only loop.
    expect(steps[2]?.refreshDue).toBe(false);
    expect(kinds(steps[3] as never)).toEqual([]);
  });

  it('never repeats an event, even from a restarted worker that replays the same step', () => {
    const a = activeItem('a', T, T + H);
    const [first, second] = run([
      [snap([]), T - M],
      [snap([a]), T],
    ]);
    const replay = watchStep(first?.state as WatchState, snap([a]), T, settings);
    expect(kinds(second as never)).toEqual(['activated']);
    const again = watchStep(second?.state as WatchState, snap([a]), T + M, settings);
    expect(again.events).toEqual([]);
    expect(replay.events.map((e) => e.id)).toEqual(second?.events.map((e) => e.id));
  });

  it('waits out Graph’s few seconds after an end before it reads again, then says it ended', () => {
    const a = activeItem('a', T, T + H);
    const steps = run([
      [snap([]), T - M],
      [snap([a]), T],
      [snap([a], T + H + 1_000), T + H + 1_000],
      [snap([a], T + H + 1_000), T + H + 2 * M + 1_000],
      [snap([], T + H + 2 * M + 2_000), T + H + 2 * M + 2_000],
    ]);
    expect(steps[2]).toMatchObject({ events: [], refreshDue: false, nextWakeMs: T + H + 2 * M + 1_000 });
    expect(steps[3]).toMatchObject({ events: [], refreshDue: true });
    expect(steps[4]?.events.map((e) => e.id)).toEqual([`ended:a:${T + H}`]);
  });

  it('wakes for nothing when nothing is active, pending or scheduled', () => {
    const [step] = run([
      [snap([item('a'), item('b', { active: { assignmentType: 'assigned', startMs: 0, endMs: null } })]), T],
    ]);
    expect(step).toMatchObject({ events: [], refreshDue: false, nextWakeMs: null });
  });

  it('forgets everything when signed out', () => {
    const [step] = run([[null, T]]);
    expect(step).toMatchObject({ events: [], nextWakeMs: null });
  });
});

describe('a notification no longer true', () => {
  const a = activeItem('a', T, T + H);
  const warned: Array<[PimSnapshot | null, number]> = [
    [snap([]), T - M],
    [snap([a]), T],
    [snap([a]), T + 51 * M],
  ];
  const withdrawn = (steps: Array<{ withdrawn: string[] }>) => steps.map((s) => s.withdrawn);

  it('the warning goes at the end, even while Graph holds the activation past it; the announcement when Graph drops it', () => {
    const steps = run([
      ...warned,
      [snap([a]), T + 55 * M],
      [snap([a], T + 51 * M), T + H],
      [snap([], T + H + 2_000), T + H + 2_000],
    ]);
    expect(steps[2]?.events.map((e) => e.id)).toEqual([`expiring:a:${T + H}`]);
    expect(withdrawn(steps)).toEqual([
      [],
      [],
      [],
      [],
      [`expiring:a:${T + H}`],
      [`activated:a:${T}`, `expiring:a:${T + H}`],
    ]);
  });

  it('both go when the activation is deactivated; the warning alone when it is given another end', () => {
    const deactivated = run([...warned, [snap([item('a')]), T + 52 * M]]);
    expect(withdrawn(deactivated).at(-1)).toEqual([`activated:a:${T}`, `expiring:a:${T + H}`]);
    const extended = run([...warned, [snap([activeItem('a', T, T + 3 * H)]), T + 52 * M]]);
    expect(withdrawn(extended).at(-1)).toEqual([`expiring:a:${T + H}`]);
    expect(extended.at(-1)?.events).toEqual([]); // the new end is hours away: nothing to warn about yet
    // Ended and activated again between two reads: the old one's notifications go, the new one's stay.
    const again = run([...warned, [snap([activeItem('a', T + 55 * M, T + 2 * H)]), T + 55 * M]]);
    expect(withdrawn(again).at(-1)).toEqual([`activated:a:${T}`, `expiring:a:${T + H}`]);
    expect(again.at(-1)?.events.map((e) => e.id)).toEqual([`activated:a:${T + 55 * M}`, `ended:a:${T + H}`]);
  });

  it('withdraws only what was given: an activation deactivated before its warning, its announcement', () => {
    const steps = run([
      [snap([]), T - M],
      [snap([a]), T],
      [snap([item('a')]), T + 10 * M],
    ]);
    expect(withdrawn(steps)).toEqual([[], [], [`activated:a:${T}`]]);
  });
});

describe('an end that no longer comes', () => {
  const a = activeItem('a', T, T + H);
  const moved = (steps: Array<{ endMoved: unknown[] }>) => steps.map((s) => s.endMoved);

  it('is named when the activation ends early, or is given another end, once', () => {
    const early = run([
      [snap([]), T - M],
      [snap([a]), T],
      [snap([item('a')]), T + 10 * M],
      [snap([item('a')]), T + 11 * M],
    ]);
    expect(moved(early)).toEqual([[], [], [{ key: 'a', endMs: T + H }], []]);
    const later = run([
      [snap([]), T - M],
      [snap([a]), T],
      [snap([activeItem('a', T, T + 3 * H)]), T + 10 * M],
      [snap([activeItem('a', T, T + 3 * H)]), T + 11 * M],
    ]);
    expect(moved(later)).toEqual([[], [], [{ key: 'a', endMs: T + H }], []]);
  });

  it('is not named for an end at its time, nor for the rounding between our record and Graph’s', () => {
    const steps = run([
      [snap([]), T - M],
      [snap([activeItem('a', T + 437, T + 437 + H)], T - M), T + 500],
      [snap([a], T + 2_000), T + 2_000],
      [snap([], T + H + 1), T + H + 1],
    ]);
    expect(kinds(steps[3] as never)).toEqual(['ended']);
    expect(moved(steps)).toEqual([[], [], [], []]);
  });
});

describe('watching requests', () => {
  const pending = (key: string, requestId: string) =>
    item(key, { pending: { requestId, createdMs: T, startMs: null } });

  it('polls pending approvals with backoff and reports an approval as an activation', () => {
    const steps = run([
      [snap([]), T - M],
      [snap([pending('p', 'r1')]), T],
      [snap([pending('p', 'r1')]), T + M / 2],
      [snap([pending('p', 'r1')]), T + 2 * M],
      [snap([activeItem('p', T + 4 * M, T + 3 * H)]), T + 4 * M],
    ]);
    expect(steps[1]?.nextWakeMs).toBe(T + M / 2);
    expect(steps[2]).toMatchObject({ refreshDue: true, nextWakeMs: T + 1.5 * M });
    expect(steps[3]).toMatchObject({ refreshDue: true, nextWakeMs: T + 4 * M });
    expect(steps[4]?.events).toEqual([expect.objectContaining({ kind: 'activated', cause: 'approval' })]);
    expect(steps[4]?.state.nextPendingPollMs).toBeNull();
  });

  it('asks about a pending request that vanished without becoming active', () => {
    const steps = run([
      [snap([]), T - M],
      [snap([pending('p', 'r1')]), T],
      [snap([item('p')]), T + M],
    ]);
    expect(steps[2]?.events).toEqual([expect.objectContaining({ kind: 'pendingGone', requestId: 'r1', key: 'p' })]);
  });

  it('wakes at a scheduled start and announces it as started by schedule', () => {
    const scheduled = item('s', { scheduled: { requestId: 'r2', startMs: T + H, endMs: T + 3 * H } });
    const steps = run([
      [snap([]), T - M],
      [snap([scheduled]), T],
      [snap([scheduled]), T + H],
      [snap([activeItem('s', T + H, T + 3 * H)]), T + H + M],
    ]);
    expect(steps[1]?.nextWakeMs).toBe(T + H);
    expect(steps[2]?.refreshDue).toBe(true);
    expect(steps[3]?.events).toEqual([expect.objectContaining({ kind: 'activated', cause: 'schedule' })]);
  });
});
