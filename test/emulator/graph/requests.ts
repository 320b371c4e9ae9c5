/**
 * POST assignmentScheduleRequests: selfActivate and selfDeactivate, validated in the order real
 * PIM reports problems (docs/graph-pim-groups.md §3). Policy rule failures are collected and
 * reported together in one message, as PIM does.
 */
import { randomUUID } from 'node:crypto';
import type { AccessTokenClaims } from '../contract.ts';
import { isoZ, parseDuration } from '../scenarios/time.ts';
import { GraphError, PimMessages } from './errors.ts';
import { hasOtherActiveOwner, provision, removeOrHold } from './machine.ts';
import type { Ctx } from './options.ts';
import { type EffectivePolicy, effectivePolicy } from './policies.ts';
import { parseRequestBody, type RequestBody } from './request-body.ts';
import { activeAssignments, eligibilityAt, newApproval, type PimRequest } from './state.ts';

const pendingStatuses = new Set(['PendingApproval', 'Granted', 'PendingProvisioning']);

function baseRequest(ctx: Ctx, b: RequestBody, token: AccessTokenClaims): PimRequest {
  return {
    id: randomUUID(),
    action: b.action,
    status: 'Provisioned',
    principalId: b.principalId,
    groupId: b.groupId,
    accessId: b.accessId,
    createdBy: token.oid,
    created: ctx.clock.now(),
    completed: null,
    justification: b.justification,
    ticketInfo: { ticketNumber: b.ticketNumber, ticketSystem: b.ticketSystem },
    isValidationOnly: b.isValidationOnly,
    start: b.schedule?.start ?? null,
    durationMs: b.schedule?.expiration.duration ? parseDuration(b.schedule.expiration.duration) : null,
    endAbs:
      b.schedule?.expiration.type === 'afterDateTime' ? Date.parse(b.schedule.expiration.endDateTime ?? '') : null,
    expiration: b.schedule?.expiration ?? null,
    startDateTime: b.schedule?.startDateTime ?? null,
    targetScheduleId: null,
    approval: null,
    retryUntil: null,
  };
}

/** Names of the failed policy rules, in the order PIM lists them. */
export function failedRules(p: EffectivePolicy, r: PimRequest, b: RequestBody, token: AccessTokenClaims): string[] {
  const failed: string[] = [];
  const max = parseDuration(p.maximumDuration) ?? 0;
  const start = r.start ?? 0;
  const length = r.endAbs !== null ? r.endAbs - start : r.durationMs;
  if (length === null || length <= 0 || length > max) failed.push('ExpirationRule');
  const enabled = new Set(p.enabledRules.map((x) => x.toLowerCase()));
  if (enabled.has('justification') && !b.justification?.trim()) failed.push('JustificationRule');
  if (enabled.has('ticketing') && (!b.ticketNumber?.trim() || !b.ticketSystem?.trim())) failed.push('TicketingRule');
  // An authentication context supersedes plain MFA: the acrs check below covers it.
  const mfa = token.amr?.some((m) => m.toLowerCase() === 'mfa') ?? false;
  if (enabled.has('multifactorauthentication') && p.authenticationContext === null && !mfa) failed.push('MfaRule');
  return failed;
}

function acrsError(ctx: Ctx, claimValue: string): GraphError {
  const claims = JSON.stringify({ access_token: { acrs: { essential: true, value: claimValue } } });
  const headers: Record<string, string> = ctx.options.acrsChallengeHeader
    ? {
        'www-authenticate': `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="${Buffer.from(claims).toString('base64')}"`,
      }
    : {};
  return new GraphError(
    400,
    'RoleAssignmentRequestAcrsValidationFailed',
    `The Role assignment request ACRS validation failed: authentication context '${claimValue}' is required. &claims=${encodeURIComponent(claims)}`,
    headers,
  );
}

function selfActivate(ctx: Ctx, b: RequestBody, token: AccessTokenClaims): PimRequest {
  const now = ctx.clock.now();
  const r = baseRequest(ctx, b, token);
  r.start = r.start ?? now;
  // Graph fills in the start it used when the client sent none.
  r.startDateTime = r.startDateTime ?? isoZ(r.start);
  const at = r.start - now > ctx.options.futureStartToleranceMs ? r.start : now;
  if (!eligibilityAt(ctx.state, b.principalId, b.groupId, b.accessId, at)) {
    throw new GraphError(400, 'RoleAssignmentDoesNotExist', PimMessages.doesNotExist);
  }
  const mine = { principalId: b.principalId, groupId: b.groupId, accessId: b.accessId };
  if (activeAssignments(ctx.state, mine).length > 0) {
    throw new GraphError(400, 'RoleAssignmentExists', PimMessages.exists);
  }
  const pending = ctx.state.requests.some(
    (x) =>
      x.principalId === b.principalId &&
      x.groupId === b.groupId &&
      x.accessId === b.accessId &&
      pendingStatuses.has(x.status),
  );
  if (pending) throw new GraphError(400, 'PendingRoleAssignmentRequest', PimMessages.pending);
  const policy = effectivePolicy(ctx.state.scenario, b.groupId, b.accessId);
  const failed = failedRules(policy, r, b, token);
  if (failed.length > 0)
    throw new GraphError(400, 'RoleAssignmentRequestPolicyValidationFailed', PimMessages.policy(failed));
  const acr = policy.authenticationContext;
  if (acr !== null && !(token.acrs ?? []).includes(acr)) throw acrsError(ctx, acr);
  r.targetScheduleId = `${b.groupId}_${b.accessId}_${r.id}`;
  if (policy.approvalRequired) {
    r.status = 'PendingApproval';
    r.approval = newApproval(r.id, now, ctx.options.approvalTimeoutHours);
  } else if (!b.isValidationOnly) provision(ctx, r);
  else r.status = at > now ? 'Granted' : 'Provisioned';
  return r;
}

function selfDeactivate(ctx: Ctx, b: RequestBody, token: AccessTokenClaims): PimRequest {
  const now = ctx.clock.now();
  const r = baseRequest(ctx, b, token);
  const active = activeAssignments(ctx.state, { principalId: b.principalId, groupId: b.groupId, accessId: b.accessId });
  if (active.length === 0) throw new GraphError(400, 'RoleAssignmentDoesNotExist', PimMessages.doesNotExist);
  const s = active.find((x) => x.assignmentType === 'activated');
  // A permanent ("assigned") membership is not an activation; only an admin can remove it.
  if (!s)
    throw new GraphError(
      400,
      'InvalidRoleAssignmentRequest',
      `${PimMessages.invalid} A permanent assignment cannot be deactivated.`,
    );
  if (s.hold) throw new GraphError(400, 'PendingRoleAssignmentRequest', PimMessages.pending);
  const min = ctx.options.minActiveMinutes;
  if (now - s.start < min * 60_000) throw new GraphError(400, 'ActiveDurationTooShort', PimMessages.tooShort(min));
  r.targetScheduleId = s.id;
  if (b.isValidationOnly) {
    r.status = s.accessId === 'owner' && !hasOtherActiveOwner(ctx, s) ? 'PendingProvisioning' : 'Revoked';
    return r;
  }
  if (removeOrHold(ctx, s, 'Revoked', r.id)) {
    Object.assign(r, { status: 'Revoked', completed: now });
  } else {
    // Last active owner: Entra keeps retrying (reference §5); PendingProvisioning is the closest documented status.
    Object.assign(r, { status: 'PendingProvisioning', retryUntil: now + ctx.options.lastOwnerRetryDays * 86_400_000 });
  }
  return r;
}

/** Validates and applies one request; returns the 201 body's source object. */
export function createRequest(ctx: Ctx, body: unknown, token: AccessTokenClaims): PimRequest {
  const b = parseRequestBody(body, token, ctx.state.scenario);
  const r = b.action === 'selfActivate' ? selfActivate(ctx, b, token) : selfDeactivate(ctx, b, token);
  if (!b.isValidationOnly) ctx.state.requests.push(r);
  return r;
}
