import { describe, expect, it } from 'vitest';
import type { GroupItem } from './pim-state.ts';
import { changeAfterActivation, changeAfterEnd, withChange } from './row-change.ts';

const item: GroupItem = {
  key: 'g:member',
  groupId: 'g',
  groupName: 'SG-Ops',
  accessId: 'member',
  eligible: true,
  eligibleUntilMs: null,
};
const request = { durationMinutes: 60 };
const NOW = 1_000_000;

describe('what an outcome does to a row', () => {
  it('an activation: active, pending or scheduled, as Graph answered', () => {
    expect(changeAfterActivation({ status: 'active', endMs: NOW + 3_600_000 }, request, NOW - 5, NOW)).toEqual({
      active: { assignmentType: 'activated', startMs: NOW - 5, endMs: NOW + 3_600_000 },
    });
    expect(
      changeAfterActivation({ status: 'pendingApproval', requestId: 'r1' }, { ...request, startMs: NOW + 9 }, NOW, NOW),
    ).toEqual({ pending: { requestId: 'r1', createdMs: NOW, startMs: NOW + 9, durationMinutes: 60 } });
    expect(changeAfterActivation({ status: 'pendingApproval', requestId: 'r1' }, request, NOW, NOW)).toEqual({
      pending: { requestId: 'r1', createdMs: NOW, startMs: null, durationMinutes: 60 },
    });
    expect(
      changeAfterActivation(
        { status: 'scheduled', requestId: 'r2', startMs: NOW + 60, endMs: null },
        request,
        NOW,
        NOW,
      ),
    ).toEqual({ scheduled: { requestId: 'r2', startMs: NOW + 60, endMs: null } });
    expect(changeAfterActivation({ status: 'alreadyActive' }, request, NOW, NOW)).toBeUndefined();
  });

  it('a deactivation ends the active window; a cancel removes only the cancelled request', () => {
    const busy: GroupItem = {
      ...item,
      active: { assignmentType: 'activated', startMs: NOW, endMs: null },
      pending: { requestId: 'r1', createdMs: NOW, startMs: null },
      scheduled: { requestId: 'r2', startMs: NOW, endMs: null },
    };
    expect(changeAfterEnd(busy, 'deactivate')).toEqual({ active: undefined });
    expect(changeAfterEnd(busy, 'cancel', 'r2')).toEqual({ scheduled: undefined });
    expect(changeAfterEnd(busy, 'cancel', 'r9')).toEqual({});
    expect(changeAfterEnd(busy, 'cancel')).toEqual({ pending: undefined, scheduled: undefined });
    const after = withChange(busy, changeAfterEnd(busy, 'cancel', 'r1'));
    expect(Object.keys(after).sort()).toEqual([...Object.keys(item), 'active', 'scheduled'].sort());
    expect(busy.pending?.requestId).toBe('r1');
  });
});
