/**
 * assignmentApprovals (reference §5 "Approvals"): the approval id is the request id; v1.0 exposes
 * `stages[]` and PATCH …/stages/{id}, beta `steps[]` and PATCH …/steps/{id} (reference §1.3).
 */
import type { EmuResponse, GraphRequest } from '../contract.ts';
import { badRequest, GraphError, JSON_TYPE, notFound } from './errors.ts';
import { decide } from './machine.ts';
import { filterByCurrentUser } from './odata.ts';
import type { Ctx } from './options.ts';
import { renderApproval } from './render.ts';
import { requireScope, Scopes } from './scopes.ts';
import type { Approval, PimRequest } from './state.ts';

type WithApproval = PimRequest & { approval: Approval };
const hasApproval = (r: PimRequest): r is WithApproval => r.approval !== null;

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
  const justification = typeof body.justification === 'string' ? body.justification : '';
  // The approval rule we publish says isApproverJustificationRequired: true.
  if (
    justification.trim() === '' &&
    r.approval.approvers.includes(req.token.oid) &&
    r.approval.status === 'InProgress'
  ) {
    throw badRequest("The property 'justification' is required to review this approval stage.");
  }
  decide(ctx, r.id, req.token.oid, result, justification);
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
        ? r.approval.approvers.includes(me) && r.approval.status === 'InProgress'
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
          ...renderApproval(r, req.version, me, ctx.state.scenario),
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
  if (!r.approval.approvers.includes(me) && r.principalId !== me && r.createdBy !== me) {
    throw new GraphError(403, 'AuthorizationFailed', 'The caller is neither an approver nor the requester.');
  }
  return {
    status: 200,
    headers: { 'content-type': JSON_TYPE },
    body: {
      '@odata.context': `${req.baseUrl}/$metadata#identityGovernance/privilegedAccess/group/assignmentApprovals(${nav}())/$entity`,
      ...renderApproval(r, req.version, me, ctx.state.scenario),
    },
  };
}
