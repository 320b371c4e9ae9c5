/**
 * JSON shapes of the PIM resources, field for field as in the Graph reference pages
 * (GD `v1.0/resources/privilegedaccessgroup*.md`, `approval.md`). Enum casing is configurable
 * because the doc examples mix `direct`/`Direct` (reference §1.2 "Casing").
 */
import type { Scenario } from '../contract.ts';
import { isoZ } from '../scenarios/time.ts';
import type { Approval, PimRequest, Schedule } from './state.ts';

export type EnumCasing = 'camel' | 'pascal';

export function enumCase(value: string, casing: EnumCasing): string {
  return casing === 'pascal' ? value.charAt(0).toUpperCase() + value.slice(1) : value;
}

const iso = (ms: number | null) => (ms === null ? null : isoZ(ms));

export function renderInstance(s: Schedule, casing: EnumCasing): Record<string, unknown> {
  const common = {
    id: s.instanceId,
    accessId: s.accessId,
    principalId: s.principalId,
    groupId: s.groupId,
    memberType: enumCase('direct', casing),
    startDateTime: iso(s.start),
    endDateTime: iso(s.end),
  };
  return s.kind === 'eligibility'
    ? { ...common, eligibilityScheduleId: s.id }
    : { ...common, assignmentType: enumCase(s.assignmentType, casing), assignmentScheduleId: s.id };
}

function scheduleInfo(start: string | null, e: Schedule['expiration'] | null, casing: EnumCasing) {
  return {
    startDateTime: start,
    recurrence: null,
    expiration: e && { type: enumCase(e.type, casing), endDateTime: e.endDateTime, duration: e.duration },
  };
}

export function renderSchedule(s: Schedule, casing: EnumCasing): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: s.id,
    createdDateTime: iso(s.created),
    createdUsing: s.createdUsing,
    modifiedDateTime: iso(s.modified),
    status: s.status,
    scheduleInfo: scheduleInfo(iso(s.start), s.expiration, casing),
    accessId: s.accessId,
    principalId: s.principalId,
    groupId: s.groupId,
    memberType: enumCase('direct', casing),
  };
  if (s.kind === 'assignment') out.assignmentType = enumCase(s.assignmentType, casing);
  return out;
}

export function renderRequest(r: PimRequest, casing: EnumCasing): Record<string, unknown> {
  return {
    id: r.id,
    status: r.status,
    completedDateTime: iso(r.completed),
    createdDateTime: iso(r.created),
    approvalId: r.approval ? r.id : null,
    customData: null,
    createdBy: { application: null, device: null, user: { displayName: null, id: r.createdBy } },
    action: enumCase(r.action, casing),
    isValidationOnly: r.isValidationOnly,
    justification: r.justification,
    scheduleInfo: r.expiration ? scheduleInfo(r.startDateTime, r.expiration, casing) : null,
    ticketInfo: r.ticketInfo,
    accessId: r.accessId,
    principalId: r.principalId,
    groupId: r.groupId,
    targetScheduleId: r.targetScheduleId,
  };
}

/** v1.0 `approvalStage` and beta `approvalStep` carry the same fields (reference §1.3). */
export function renderStage(a: Approval, isApprover: boolean, scenario: Scenario): Record<string, unknown> {
  const reviewer = a.reviewedBy ? scenario.users.find((u) => u.id === a.reviewedBy) : undefined;
  return {
    id: a.stageId,
    displayName: null,
    reviewedDateTime: iso(a.reviewedDateTime),
    reviewResult: a.reviewResult,
    status: a.status,
    assignedToMe: isApprover && a.status === 'InProgress',
    justification: a.justification,
    reviewedBy: a.reviewedBy ? { id: a.reviewedBy, displayName: reviewer?.displayName ?? null } : null,
  };
}

export function renderApproval(
  r: PimRequest & { approval: Approval },
  version: 'v1.0' | 'beta',
  isApprover: boolean,
  scenario: Scenario,
): Record<string, unknown> {
  const stage = renderStage(r.approval, isApprover, scenario);
  return version === 'beta' ? { id: r.id, steps: [stage] } : { id: r.id, stages: [stage] };
}

/** A group the directory still has: a scenario's `deleted` group is gone for Graph (ids compare case-insensitively). */
export function liveGroup(scenario: Scenario, id: string): Scenario['groups'][number] | undefined {
  return scenario.groups.find((g) => g.id.toLowerCase() === id.toLowerCase() && !g.deleted);
}

export function renderGroup(scenario: Scenario, id: string): Record<string, unknown> | null {
  const g = liveGroup(scenario, id);
  if (!g) return null;
  return {
    id: g.id,
    displayName: g.displayName,
    description: g.description ?? null,
    mail: g.mail ?? null,
    mailEnabled: Boolean(g.mail),
    securityEnabled: true,
    groupTypes: [],
    isAssignableToRole: null,
    visibility: 'Private',
  };
}

export function renderUser(scenario: Scenario, id: string): Record<string, unknown> | null {
  const u = scenario.users.find((x) => x.id === id);
  if (!u) return null;
  const [given = null, ...rest] = u.displayName.split(' ');
  return {
    businessPhones: [],
    displayName: u.displayName,
    givenName: given,
    jobTitle: null,
    mail: u.userPrincipalName,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: rest.join(' ') || null,
    userPrincipalName: u.userPrincipalName,
    id: u.id,
  };
}
