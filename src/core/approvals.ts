import type { AccessId } from './pim-state.ts';

// The approver's view: requests where the signed-in user approves the current stage. Pure, so
// the join of Graph's two lists, expiry and "what is new" are unit-tested.

/** Approvers have 24 hours, not configurable (Entra: groups-approval-workflow.md). */
export const APPROVAL_WINDOW_MS = 24 * 60 * 60_000;

/** A request waiting on the user, as the popup shows it. Times are epoch ms on Graph's clock. */
export interface ApprovalItem {
  /** The approval id, which is the request id. */
  id: string;
  /** The stage (v1.0) or step (beta) the user decides. */
  stageId: string;
  requesterName: string;
  groupId: string;
  groupName: string;
  accessId: AccessId;
  /** The requested start; null = as soon as approved. */
  startMs: number | null;
  durationMinutes: number | null;
  justification: string | null;
  ticketNumber: string | null;
  ticketSystem: string | null;
  createdMs: number;
  /** When PIM stops waiting for a decision: creation + 24 h. */
  expiresMs: number;
}

/** A stage or step as Graph lists it; the enum values lower-cased. */
export interface StageView {
  id: string;
  assignedToMe: boolean | null;
  status: string | null;
  reviewResult: string | null;
  reviewedByName: string | null;
}

/** One of the user's approver requests (`assignmentScheduleRequests/filterByCurrentUser(on='approver')`). */
export interface ApproverRequest {
  id: string;
  status: string;
  groupId: string;
  groupName: string | null;
  accessId: AccessId;
  requesterName: string | null;
  createdMs: number | null;
  startMs: number | null;
  durationMinutes: number | null;
  justification: string | null;
  ticketNumber: string | null;
  ticketSystem: string | null;
}

/** The stage waiting on the caller: assigned to them and not yet decided. */
export function waitingStage(stages: readonly StageView[]): StageView | undefined {
  return stages.find(
    (s) =>
      s.assignedToMe === true &&
      (s.status === null || s.status === 'inprogress') &&
      (s.reviewResult === null || s.reviewResult === 'notreviewed'),
  );
}

/**
 * Joins the requests with the approvals' stages: a request shows only while PendingApproval, not
 * past its 24 hours, and with a stage that waits on the user. Soonest to expire first.
 */
export function buildApprovalItems(
  requests: readonly ApproverRequest[],
  stagesById: ReadonlyMap<string, readonly StageView[]>,
  nowMs: number,
  unnamed: { group: (groupId: string) => string; requester: string },
): ApprovalItem[] {
  const items: ApprovalItem[] = [];
  for (const r of requests) {
    if (r.status !== 'pendingapproval') continue;
    const stage = waitingStage(stagesById.get(r.id.toLowerCase()) ?? []);
    if (!stage) continue;
    const createdMs = r.createdMs ?? nowMs;
    const expiresMs = createdMs + APPROVAL_WINDOW_MS;
    if (expiresMs <= nowMs) continue;
    items.push({
      id: r.id,
      stageId: stage.id,
      requesterName: r.requesterName || unnamed.requester,
      groupId: r.groupId,
      groupName: r.groupName || unnamed.group(r.groupId),
      accessId: r.accessId,
      startMs: r.startMs,
      durationMinutes: r.durationMinutes,
      justification: r.justification,
      ticketNumber: r.ticketNumber,
      ticketSystem: r.ticketSystem,
      createdMs,
      expiresMs,
    });
  }
  return items.sort((a, b) => a.expiresMs - b.expiresMs || a.id.localeCompare(b.id));
}

/** Items not in `seen` (ids, case-insensitive): the ones to notify about. */
export function newArrivals(items: readonly ApprovalItem[], seen: readonly string[]): ApprovalItem[] {
  const known = new Set(seen.map((id) => id.toLowerCase()));
  return items.filter((i) => !known.has(i.id.toLowerCase()));
}

/**
 * Why a decision met a 409: someone else decided first (a result and, if Graph names them, who),
 * or nobody did and the stage closed (the 24 hours ran out, or the requester cancelled).
 */
export type ClosedStage = { kind: 'decided'; result: 'approved' | 'denied'; by: string | null } | { kind: 'expired' };

export function closedStage(stage: StageView | undefined): ClosedStage {
  const result = stage?.reviewResult ?? '';
  // Graph's resource page names `Approved`/`Denied`; the PATCH body's `Approve`/`Deny` are read too.
  if (result === 'approved' || result === 'approve')
    return { kind: 'decided', result: 'approved', by: stage?.reviewedByName ?? null };
  if (result === 'denied' || result === 'deny')
    return { kind: 'decided', result: 'denied', by: stage?.reviewedByName ?? null };
  return { kind: 'expired' };
}
