import { describe, expect, it } from 'vitest';
import { addHistoryEntry, HISTORY_LIMIT, type HistoryEntry, pruneHistory, updateHistoryOutcome } from './history.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30, 12);

let n = 0;
const entry = (patch: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: `e${++n}`,
  groupId: 'g1',
  groupName: 'SG-One',
  accessId: 'member',
  requestedAtMs: NOW,
  startMs: NOW,
  durationMinutes: 60,
  justification: 'INC-1',
  outcome: 'active',
  ...patch,
});

describe('activation history rules', () => {
  it('keeps entries within the retention period, newest first', () => {
    const old = entry({ requestedAtMs: NOW - 31 * DAY });
    const edge = entry({ requestedAtMs: NOW - 30 * DAY });
    const fresh = entry({ requestedAtMs: NOW - DAY });
    expect(pruneHistory([old, fresh, edge], 30, NOW).map((e) => e.id)).toEqual([fresh.id, edge.id]);
    expect(pruneHistory([old, fresh, edge], 90, NOW)).toHaveLength(3);
  });

  it(`keeps at most ${HISTORY_LIMIT} entries, dropping the oldest`, () => {
    const many = Array.from({ length: HISTORY_LIMIT + 20 }, (_, i) => entry({ requestedAtMs: NOW - i * 60_000 }));
    const kept = pruneHistory(many, 365, NOW);
    expect(kept).toHaveLength(HISTORY_LIMIT);
    expect(kept.at(-1)?.requestedAtMs).toBe(NOW - (HISTORY_LIMIT - 1) * 60_000);
  });

  it('adds in front and prunes on write', () => {
    const old = entry({ requestedAtMs: NOW - 8 * DAY });
    const kept = entry({ requestedAtMs: NOW - DAY });
    const added = entry();
    expect(addHistoryEntry([kept, old], added, 7, NOW).map((e) => e.id)).toEqual([added.id, kept.id]);
  });

  it('marks the newest live activation of that group and access as deactivated, nothing else', () => {
    const failed = entry({ outcome: 'failed', requestedAtMs: NOW });
    const live = entry({ outcome: 'active', requestedAtMs: NOW - 60_000 });
    const older = entry({ outcome: 'active', requestedAtMs: NOW - 120_000 });
    const owner = entry({ accessId: 'owner', outcome: 'active', requestedAtMs: NOW + 1 });
    const result = updateHistoryOutcome(
      [owner, failed, live, older],
      { groupId: 'g1', accessId: 'member' },
      'deactivated',
    );
    expect(result.map((e) => e.outcome)).toEqual(['active', 'failed', 'deactivated', 'active']);
  });

  it('marks a waiting request as cancelled, but never an active one', () => {
    const active = entry({ outcome: 'active' });
    const waiting = entry({ outcome: 'pendingApproval', requestedAtMs: NOW - 1 });
    const result = updateHistoryOutcome([active, waiting], { groupId: 'g1', accessId: 'member' }, 'cancelled');
    expect(result.map((e) => e.outcome)).toEqual(['active', 'cancelled']);
    expect(updateHistoryOutcome([active], { groupId: 'g1', accessId: 'member' }, 'cancelled')).toEqual([active]);
  });

  it('records an approver’s decision on the waiting request only', () => {
    const waiting = entry({ outcome: 'pendingApproval' });
    const failed = entry({ outcome: 'failed', requestedAtMs: NOW + 1 });
    const target = { groupId: 'g1', accessId: 'member' } as const;
    const approved = updateHistoryOutcome([failed, waiting], target, 'approved');
    expect(approved.map((e) => e.outcome)).toEqual(['failed', 'approved']);
    expect(updateHistoryOutcome(approved, target, 'deactivated').map((e) => e.outcome)).toEqual([
      'failed',
      'deactivated',
    ]);
    expect(updateHistoryOutcome([waiting], target, 'denied').map((e) => e.outcome)).toEqual(['denied']);
  });
});
