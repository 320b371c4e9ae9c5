// What an outcome does to a row, the one rule for the popup (which shows it at once, over the
// cached list) and the background (which writes it into the cached list until the next read
// brings Graph's own record).
import type { ActivationOutcome, ActivationRequest, GroupItem } from './pim-state.ts';

/** The states of a row an outcome changes; `undefined` removes one. */
export type RowChange = Partial<Pick<GroupItem, 'active' | 'pending' | 'scheduled'>>;

/**
 * After Graph accepted an activation. `startMs` is when it started (Graph's start where known, else
 * now on Graph's clock); `nowMs` is Graph's now. `alreadyActive` changes nothing: the next read shows it.
 */
export function changeAfterActivation(
  outcome: ActivationOutcome,
  request: Pick<ActivationRequest, 'startMs' | 'durationMinutes'>,
  startMs: number,
  nowMs: number,
): RowChange | undefined {
  switch (outcome.status) {
    case 'active':
      return { active: { assignmentType: 'activated', startMs, endMs: outcome.endMs } };
    case 'pendingApproval':
      return {
        pending: {
          requestId: outcome.requestId,
          createdMs: nowMs,
          startMs: request.startMs ?? null,
          durationMinutes: request.durationMinutes,
        },
      };
    case 'scheduled':
      return { scheduled: { requestId: outcome.requestId, startMs: outcome.startMs, endMs: outcome.endMs } };
    case 'alreadyActive':
      return undefined;
  }
}

/** After a deactivation (the active window ends) or a cancel (of the request with `requestId`). */
export function changeAfterEnd(item: GroupItem, kind: 'deactivate' | 'cancel', requestId?: string): RowChange {
  if (kind === 'deactivate') return { active: undefined };
  const change: RowChange = {};
  if (requestId === undefined || item.pending?.requestId === requestId) change.pending = undefined;
  if (requestId === undefined || item.scheduled?.requestId === requestId) change.scheduled = undefined;
  return change;
}

/** The row with the change applied; a removed state is deleted, not left as `undefined`. */
export function withChange(item: GroupItem, change: RowChange): GroupItem {
  const next: GroupItem = { ...item, ...change };
  for (const field of ['active', 'pending', 'scheduled'] as const) {
    if (field in change && change[field] === undefined) delete next[field];
  }
  return next;
}
