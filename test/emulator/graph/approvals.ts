/**
 * assignmentApprovals (reference §5 "Approvals"): the approval id is the request id; v1.0 exposes
 * `stages[]` and PATCH …/stages/{id}, beta `steps[]` and PATCH …/steps/{id} (reference §1.3).
 */
import type { EmuResponse, GraphRequest } from '../contract.ts';
import { approverJustificationRequired, isApproverOf } from './approvers.ts';
import { badRequest, GraphError, JSON_TYPE, notFound } from './errors.ts';
import { decide } from './machine.ts';
import { filterByCurrentUser } from './odata.ts';
import type { Ctx } from './options.ts';
import { renderApproval } from './render.ts';
import { requireScope, Scopes } from './scopes.ts';
import type { Approval, PimRequest } from './state.ts';

type WithApproval = PimRequest & { approval: Approval };
const hasApproval = (r: PimRequest): r is WithApproval => r.approval !== null;

/**
 * PATCH …/stages/{id} (approvalstage-update.md): 204, 403 without the right, 404 unknown, 409 when
 * the stage was already decided. Our order: 404 stage → 400 reviewResult → 403 not (or no longer) an
 * approver → 409 completed (decided by anyone, or timed out: the docs name no code for an expired
 * request, and the stage can no longer be decided, which is the 409 case) → 400 no justification
 * where the policy's stage requires one.
 */
function patchStage(ctx: Ctx, req: GraphRequest, r: WithApproval, stageId: string): EmuResponse {
  if (req.method !== 'PATCH') {
    throw new GraphError(
      405,
      'Request_BadRequest',
      `The HTTP method '${req.method}' is not allowed for this resource.`,
    );
  }
  requireScope(req.token, Scopes.approvalWrite);
  if (stageId !== r.approval.stageId) throw notFound(`The approval stage '${stageId}' was not found.`);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const result = body.reviewResult;
  if (result !== 'Approve' && result !== 'Deny') {
    throw badRequest("The property 'reviewResult' must be 'Approve' or 'Deny'.");
  }
  if (!isApproverOf(ctx, r, req.token.oid)) {
    throw new GraphError(403, 'AuthorizationFailed', 'The caller is not an approver of this approval stage.');
  }
  if (r.approval.status === 'Completed' || r.status !== 'PendingApproval') {
    throw new GraphError(409, 'Conflict', 'The approval stage has already been completed.');
  }
  const justification = typeof body.justification === 'string' ? body.justification : '';
  if (justification.trim() === '' && approverJustificationRequired(ctx, r)) {
    throw badRequest("The property 'justification' is required to review this approval stage.");
  }
  decide(ctx, r.id, req.token.oid, result, justification || undefined);
  return { status: 204 };
}

export function approvalRoute(ctx: Ctx, req: GraphRequest, rest: string[]): EmuResponse {
  const me = req.token.oid;
  const all = ctx.state.requests.filter(hasApproval);
  const on = filterByCurrentUser(rest[0], ['target', 'createdBy', 'approver']);
  if (on !== null) {
    if (req.method !== 'GET') throw badRequest(`The HTTP method '${req.method}' is not allowed for this resource.`);
    requireScope(req.token, Scopes.assignmentRead);
    // Approvers see what is still waiting for them; requesters see their own approvals.
    const mine = all.filter((r) =>
      on === 'approver'
        ? r.approval.status === 'InProgress' && isApproverOf(ctx, r, me)
        : on === 'target'
          ? r.principalId === me
          : r.createdBy === me,
    );
    return {
      status: 200,
      headers: { 'content-type': JSON_TYPE },
      body: {
        '@odata.context': `${req.baseUrl}/$metadata#Collection(microsoft.graph.approval)`,
        value: mine.map((r) => ({
          '@odata.type': '#microsoft.graph.approval',
          ...renderApproval(r, req.version, isApproverOf(ctx, r, me), ctx.state.scenario),
        })),
      },
    };
  }
  const r = all.find((x) => x.id === rest[0]);
  if (!r) throw notFound(`The approval '${rest[0] ?? ''}' was not found.`);
  const nav = req.version === 'beta' ? 'steps' : 'stages';
  if (rest.length === 3 && rest[1] === nav) return patchStage(ctx, req, r, rest[2] ?? '');
  if (rest.length !== 1) throw badRequest(`Resource not found for the segment '${rest[1] ?? ''}'.`);
  if (req.method !== 'GET') throw badRequest(`The HTTP method '${req.method}' is not allowed for this resource.`);
  requireScope(req.token, Scopes.assignmentRead);
  const involved = r.principalId === me || r.createdBy === me || r.approval.reviewedBy === me;
  if (!involved && !isApproverOf(ctx, r, me)) {
    throw new GraphError(403, 'AuthorizationFailed', 'The caller is neither an approver nor the requester.');
  }
  return {
    status: 200,
    headers: { 'content-type': JSON_TYPE },
    body: {
      '@odata.context': `${req.baseUrl}/$metadata#identityGovernance/privilegedAccess/group/assignmentApprovals(${nav}())/$entity`,
      ...renderApproval(r, req.version, isApproverOf(ctx, r, me), ctx.state.scenario),
    },
  };
}
