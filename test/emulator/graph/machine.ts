/**
 * The PIM state machine after a request is accepted: provisioning, approval decisions,
 * cancellation, expiry and the last-owner rule. Every time comes from the clock; `tick()` is the
 * only place time-driven transitions happen, so moving the clock and ticking is deterministic.
 */
import { isApproverOf } from './approvers.ts';
import { GraphError } from './errors.ts';
import type { Ctx } from './options.ts';
import type { PimRequest, Schedule } from './state.ts';
import { eligibilityAt, newSchedule } from './state.ts';

const DAY = 86_400_000;

/** Creates the activation schedule for an accepted request; `Granted` if it starts in the future. */
export function provision(ctx: Ctx, r: PimRequest): Schedule {
  const now = ctx.clock.now();
  const requested = r.start ?? now;
  const start = requested - now > ctx.options.futureStartToleranceMs ? requested : now;
  let end = r.endAbs ?? start + (r.durationMs ?? 0);
  // An activation cannot outlive the eligibility it came from (Entra caps it, it does not fail).
  const elig = eligibilityAt(ctx.state, r.principalId, r.groupId, r.accessId, start);
  if (elig?.end != null && elig.end < end) end = elig.end;
  const s = newSchedule(
    {
      kind: 'assignment',
      principalId: r.principalId,
      groupId: r.groupId,
      accessId: r.accessId,
      assignmentType: 'activated',
      start,
      end,
      created: now,
      createdUsing: r.id,
      guid: r.id,
      expiration: r.expiration ?? { type: 'afterDuration', endDateTime: null, duration: null },
    },
    now,
  );
  ctx.state.schedules.push(s);
  r.targetScheduleId = s.id;
  r.status = s.state === 'scheduled' ? 'Granted' : 'Provisioned';
  r.completed = r.status === 'Provisioned' ? now : null;
  return s;
}

/** Another owner of the group who is active and not themselves waiting to be removed. */
export function hasOtherActiveOwner(ctx: Ctx, s: Schedule): boolean {
  return ctx.state.schedules.some(
    (o) =>
      o !== s &&
      o.kind === 'assignment' &&
      o.state === 'active' &&
      !o.hold &&
      o.groupId === s.groupId &&
      o.accessId === 'owner' &&
      o.principalId !== s.principalId,
  );
}

function end(s: Schedule, status: string, now: number): void {
  s.state = 'ended';
  s.status = status;
  s.modified = now;
  s.hold = null;
}

/** Removes an active assignment unless it is the group's last active owner; then holds it for retries. */
export function removeOrHold(ctx: Ctx, s: Schedule, status: string, requestId: string | null): boolean {
  const now = ctx.clock.now();
  if (s.accessId === 'owner' && !hasOtherActiveOwner(ctx, s)) {
    s.hold = { until: now + ctx.options.lastOwnerRetryDays * DAY, requestId };
    return false;
  }
  end(s, status, now);
  return true;
}

export function findRequest(ctx: Ctx, id: string): PimRequest | undefined {
  return ctx.state.requests.find((r) => r.id === id);
}

/** An approver decides (via PATCH on the stage/step, or the control API). */
export function decide(ctx: Ctx, id: string, approverId: string, decision: 'Approve' | 'Deny', justification?: string) {
  const r = findRequest(ctx, id);
  if (!r?.approval) throw new GraphError(404, 'ResourceNotFound', `The approval '${id}' was not found.`);
  const a = r.approval;
  if (!isApproverOf(ctx, r, approverId)) {
    throw new GraphError(403, 'AuthorizationFailed', 'The caller is not an approver of this approval stage.');
  }
  if (a.status === 'Completed' || r.status !== 'PendingApproval') {
    throw new GraphError(409, 'Conflict', 'The approval stage has already been completed.');
  }
  const now = ctx.clock.now();
  Object.assign(a, {
    status: 'Completed',
    reviewResult: decision === 'Approve' ? 'Approved' : 'Denied',
    reviewedBy: approverId,
    reviewedDateTime: now,
    justification: justification ?? null,
  });
  if (decision === 'Approve') provision(ctx, r);
  else Object.assign(r, { status: 'Denied', completed: now });
}

/** POST …/{id}/cancel: only the creator, only while nothing is active yet. */
export function cancel(ctx: Ctx, id: string, callerId: string): void {
  const r = findRequest(ctx, id);
  if (!r) throw new GraphError(404, 'ResourceNotFound', `The request '${id}' was not found.`);
  if (r.createdBy !== callerId) {
    throw new GraphError(403, 'AuthorizationFailed', 'Only the creator of a request can cancel it.');
  }
  const now = ctx.clock.now();
  const target = ctx.state.schedules.find((s) => s.id === r.targetScheduleId);
  if (r.status === 'Granted' && target?.state === 'scheduled') end(target, 'Canceled', now);
  else if (r.status !== 'PendingApproval') {
    throw new GraphError(
      400,
      'InvalidRoleAssignmentRequest',
      `The role assignment request is invalid. A request in status '${r.status}' cannot be canceled.`,
    );
  }
  if (r.approval && r.approval.status === 'InProgress') r.approval.status = 'Completed';
  Object.assign(r, { status: 'Canceled', completed: now });
}

/** Catches up with the clock: approval timeouts, scheduled starts, expiries and last-owner retries. */
export function tick(ctx: Ctx): void {
  const now = ctx.clock.now();
  for (const r of ctx.state.requests) {
    if (r.status === 'PendingApproval' && r.approval && r.approval.deadline <= now) {
      r.approval.status = 'Completed';
      Object.assign(r, { status: ctx.options.approvalTimeoutStatus, completed: now });
    }
  }
  for (const s of ctx.state.schedules) {
    if (s.kind !== 'assignment') continue;
    if (s.state === 'scheduled' && s.start <= now) {
      Object.assign(s, { state: 'active', status: 'Provisioned', modified: now });
      const r = findRequest(ctx, s.createdUsing ?? '');
      if (r?.status === 'Granted') Object.assign(r, { status: 'Provisioned', completed: now });
    }
    if (s.state !== 'active') continue;
    if (s.hold) retryHold(ctx, s, now);
    else if (s.end !== null && s.end <= now) removeOrHold(ctx, s, 'Expired', null);
  }
}

function retryHold(ctx: Ctx, s: Schedule, now: number): void {
  const hold = s.hold;
  if (!hold) return;
  const r = hold.requestId ? findRequest(ctx, hold.requestId) : undefined;
  if (hasOtherActiveOwner(ctx, s)) {
    end(s, r ? 'Revoked' : 'Expired', now);
    if (r) Object.assign(r, { status: 'Revoked', completed: now });
  } else if (now >= hold.until) {
    // PIM gives up: the user stays an active owner (reference §5). An expiry hold becomes permanent.
    s.hold = null;
    if (!r) s.end = null;
    if (r) Object.assign(r, { status: 'Failed', completed: now });
  }
}
