/**
 * The emulator's PIM state: schedules (eligibility and assignment), requests and approvals, all
 * with epoch-ms times. Instances are not stored separately: an assignment instance is a schedule
 * in state `active`, an eligibility instance is an eligibility schedule whose window contains now.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Scenario } from '../contract.ts';
import { isoZ, resolveTime } from '../scenarios/time.ts';

export type AccessId = 'member' | 'owner';

export interface Schedule {
  id: string;
  instanceId: string;
  kind: 'eligibility' | 'assignment';
  principalId: string;
  groupId: string;
  accessId: AccessId;
  assignmentType: 'assigned' | 'activated';
  start: number;
  end: number | null;
  created: number;
  modified: number;
  createdUsing: string | null;
  /** Schedule status as Graph prints it (`Provisioned`, `Granted` for a future start). */
  status: string;
  /** scheduled: start in the future; active: has a visible instance; ended: expired, revoked or canceled. */
  state: 'scheduled' | 'active' | 'ended';
  /** Original expiration as requested, echoed in `scheduleInfo`. */
  expiration: Expiration;
  /**
   * Removal withheld by the last-owner rule: tick() retries until `until`. `requestId` is the
   * selfDeactivate request waiting on it, or null when the hold came from expiry.
   */
  hold?: { until: number; requestId: string | null } | null;
}

export interface Expiration {
  type: string;
  endDateTime: string | null;
  duration: string | null;
}

/** One approval stage. Its approvers are not stored: approvers.ts reads them from the policy each time. */
export interface Approval {
  stageId: string;
  status: 'InProgress' | 'Completed';
  /** The stored result is `Approved`/`Denied` (approvalStage resource page); the PATCH body says `Approve`/`Deny`. */
  reviewResult: 'NotReviewed' | 'Approved' | 'Denied';
  reviewedBy: string | null;
  reviewedDateTime: number | null;
  justification: string | null;
  deadline: number;
}

/** A new approval stage for a request, waiting for its approvers until the timeout. */
export function newApproval(requestId: string, createdMs: number, timeoutHours: number): Approval {
  return {
    stageId: guidFrom(`stage:${requestId}`),
    status: 'InProgress',
    reviewResult: 'NotReviewed',
    reviewedBy: null,
    reviewedDateTime: null,
    justification: null,
    deadline: createdMs + timeoutHours * 3_600_000,
  };
}

export interface PimRequest {
  id: string;
  action: string;
  status: string;
  principalId: string;
  groupId: string;
  accessId: AccessId;
  createdBy: string;
  created: number;
  completed: number | null;
  justification: string | null;
  ticketInfo: { ticketNumber: string | null; ticketSystem: string | null };
  isValidationOnly: boolean;
  /** Requested start (ms) or null when the request carried no scheduleInfo (deactivation). */
  start: number | null;
  /** Length of the requested activation in ms, or an absolute end. */
  durationMs: number | null;
  endAbs: number | null;
  expiration: Expiration | null;
  startDateTime: string | null;
  targetScheduleId: string | null;
  approval: Approval | null;
  /** Last-owner deactivation: retried by tick() until this time, then Failed. */
  retryUntil: number | null;
}

export interface State {
  scenario: Scenario;
  schedules: Schedule[];
  requests: PimRequest[];
}

/** Deterministic GUID from a seed, so scenario objects keep their ids across runs. */
export function guidFrom(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Opaque instance ids like the documented "…zAs-1-e" (eligibility) and "…-1-a" (assignment). */
export function instanceIdFor(scheduleId: string, kind: Schedule['kind']): string {
  const b = createHash('sha256').update(scheduleId).digest('base64url').slice(0, 40);
  return `${b}-1-${kind === 'eligibility' ? 'e' : 'a'}`;
}

export function newSchedule(
  init: Omit<Schedule, 'id' | 'instanceId' | 'modified' | 'status' | 'state'> & { guid?: string },
  now: number,
): Schedule {
  const id = `${init.groupId}_${init.accessId}_${init.guid ?? randomUUID()}`;
  const future = init.start > now;
  const { guid: _, ...rest } = init;
  return {
    ...rest,
    id,
    instanceId: instanceIdFor(id, init.kind),
    modified: init.created,
    status: future && init.kind === 'assignment' ? 'Granted' : 'Provisioned',
    state: future ? 'scheduled' : init.end !== null && init.end <= now ? 'ended' : 'active',
  };
}

function expirationFor(end: number | null): Expiration {
  return end === null
    ? { type: 'noExpiration', endDateTime: null, duration: null }
    : { type: 'afterDateTime', endDateTime: isoZ(end), duration: null };
}

/** Builds the initial state; relative scenario times are resolved against `now` (the emulator start). */
export function createState(scenario: Scenario, now: number): State {
  const t = (v: string | undefined | null, dflt: number | null): number | null =>
    v === undefined || v === null ? dflt : resolveTime(v, now);
  const schedules: Schedule[] = [];
  scenario.eligibilities.forEach((e, i) => {
    const start = t(e.startDateTime, now - 30 * 86_400_000) ?? now;
    const end = t(e.endDateTime, null);
    const guid = guidFrom(`elig:${i}:${e.principalId}:${e.groupId}:${e.accessId}`);
    const base = { ...e, kind: 'eligibility' as const, assignmentType: 'assigned' as const, start, end };
    schedules.push(
      newSchedule({ ...base, guid, created: start, createdUsing: guid, expiration: expirationFor(end) }, now),
    );
  });
  scenario.assignments.forEach((a, i) => {
    const start = t(a.startDateTime, now - 86_400_000) ?? now;
    const end = t(a.endDateTime, null);
    const guid = guidFrom(`asg:${i}:${a.principalId}:${a.groupId}:${a.accessId}`);
    const s = newSchedule(
      {
        ...a,
        kind: 'assignment',
        start,
        end,
        guid,
        created: start,
        createdUsing: guid,
        expiration: expirationFor(end),
      },
      now,
    );
    schedules.push(s);
  });
  return { scenario, schedules, requests: [] };
}

/** Assignment schedules with a live instance (assigned or activated). */
export function activeAssignments(
  state: State,
  filter: Partial<Pick<Schedule, 'principalId' | 'groupId' | 'accessId'>>,
) {
  return state.schedules.filter(
    (s) =>
      s.kind === 'assignment' &&
      s.state === 'active' &&
      (filter.principalId === undefined || s.principalId === filter.principalId) &&
      (filter.groupId === undefined || s.groupId === filter.groupId) &&
      (filter.accessId === undefined || s.accessId === filter.accessId),
  );
}

/** Eligibility that covers time `at` for this principal, group and accessId. */
export function eligibilityAt(state: State, principalId: string, groupId: string, accessId: AccessId, at: number) {
  return state.schedules.find(
    (s) =>
      s.kind === 'eligibility' &&
      s.principalId === principalId &&
      s.groupId === groupId &&
      s.accessId === accessId &&
      s.start <= at &&
      (s.end === null || s.end > at),
  );
}
