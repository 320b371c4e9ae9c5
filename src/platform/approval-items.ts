import * as v from 'valibot';
import { PIM_LIMITS } from '../core/pim-state.ts';
import { defineItem } from './storage.ts';

// Storage of the approver view (background/approvals.ts): the requests waiting on the user, whether
// they approve anything at all, and the reasons they gave recently. Declared once here.

const ms = v.pipe(v.number(), v.finite());
/* @__NO_SIDE_EFFECTS__ */
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const nullableText = (max: number) => v.nullable(text(max));

/** At most this many waiting requests are kept (and counted); more is not a toolbar's job. */
export const APPROVALS_MAX = 200;

const approvalItem = v.object({
  id: text(PIM_LIMITS.requestId),
  stageId: text(256),
  requesterName: text(PIM_LIMITS.groupName),
  groupId: text(PIM_LIMITS.groupId),
  groupName: text(PIM_LIMITS.groupName),
  accessId: v.picklist(['member', 'owner']),
  startMs: v.nullable(ms),
  durationMinutes: v.nullable(ms),
  justification: nullableText(PIM_LIMITS.justification),
  ticketNumber: nullableText(PIM_LIMITS.justification),
  ticketSystem: nullableText(PIM_LIMITS.justification),
  createdMs: ms,
  expiresMs: ms,
});

/**
 * The account's approver view. `isApprover`/`checkedAtMs` (local clock) remember whether the user
 * approves anything, so a user who approves nothing costs one small read a day and no alarm.
 * `notified`: the ids already announced, so a restart repeats no notification.
 */
export const approvalsItem = defineItem({
  key: 'cache:approvals',
  area: 'local',
  schema: v.nullable(
    v.object({
      accountId: text(256),
      isApprover: v.boolean(),
      checkedAtMs: ms,
      fetchedAtMs: v.nullable(ms),
      items: v.pipe(v.array(approvalItem), v.maxLength(APPROVALS_MAX)),
      notified: v.pipe(v.array(text(PIM_LIMITS.requestId)), v.maxLength(APPROVALS_MAX)),
    }),
  ),
  fallback: null,
});

/** The approver's last few reasons, newest first (offered again, as activations offer theirs). */
export const approverReasonsItem = defineItem({
  key: 'settings:approverReasons',
  area: 'local',
  schema: v.pipe(v.array(text(500)), v.maxLength(10)),
  fallback: [],
});
