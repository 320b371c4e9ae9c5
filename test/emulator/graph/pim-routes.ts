/**
 * Routes under `/identityGovernance/privilegedAccess/group/` (reference §1): schedules and
 * instances (eligibility and assignment), assignment requests and approvals.
 */
import type { EmuResponse, GraphRequest } from '../contract.ts';
import { approvalRoute } from './approvals.ts';
import { isApproverOf } from './approvers.ts';
import { entityResponse, type ListSpec, listResponse } from './collections.ts';
import { badRequest, GraphError, notFound } from './errors.ts';
import { cancel } from './machine.ts';
import { filterByCurrentUser } from './odata.ts';
import type { Ctx } from './options.ts';
import { renderInstance, renderRequest, renderSchedule } from './render.ts';
import { createRequest } from './requests.ts';
import { requireScope, Scopes } from './scopes.ts';
import type { Schedule } from './state.ts';

const BASE = 'identityGovernance/privilegedAccess/group';
const SCHEDULE_FIELDS = ['groupId', 'principalId', 'accessId', 'memberType', 'assignmentType'] as const;
const REQUEST_FIELDS = ['groupId', 'principalId', 'accessId', 'status', 'action'] as const;

interface SetDef {
  path: string;
  type: string;
  scopes: readonly string[];
  pick: (ctx: Ctx) => Schedule[];
  render: (s: Schedule, ctx: Ctx) => Record<string, unknown>;
}

const live = (s: Schedule, now: number) => s.end === null || s.end > now;
const SETS: Record<string, SetDef> = {
  eligibilityscheduleinstances: {
    path: 'eligibilityScheduleInstances',
    type: 'privilegedAccessGroupEligibilityScheduleInstance',
    scopes: Scopes.eligibilityRead,
    pick: (ctx) =>
      ctx.state.schedules.filter(
        (s) => s.kind === 'eligibility' && s.start <= ctx.clock.now() && live(s, ctx.clock.now()),
      ),
    render: (s, ctx) => renderInstance(s, ctx.options.enumCasing),
  },
  eligibilityschedules: {
    path: 'eligibilitySchedules',
    type: 'privilegedAccessGroupEligibilitySchedule',
    scopes: Scopes.eligibilityRead,
    pick: (ctx) => ctx.state.schedules.filter((s) => s.kind === 'eligibility' && live(s, ctx.clock.now())),
    render: (s, ctx) => renderSchedule(s, ctx.options.enumCasing),
  },
  assignmentscheduleinstances: {
    path: 'assignmentScheduleInstances',
    type: 'privilegedAccessGroupAssignmentScheduleInstance',
    scopes: Scopes.assignmentRead,
    pick: (ctx) => ctx.state.schedules.filter((s) => s.kind === 'assignment' && s.state === 'active'),
    render: (s, ctx) => renderInstance(s, ctx.options.enumCasing),
  },
  assignmentschedules: {
    path: 'assignmentSchedules',
    type: 'privilegedAccessGroupAssignmentSchedule',
    scopes: Scopes.assignmentRead,
    pick: (ctx) => ctx.state.schedules.filter((s) => s.kind === 'assignment' && s.state !== 'ended'),
    render: (s, ctx) => renderSchedule(s, ctx.options.enumCasing),
  },
};

function spec(setPath: string, type: string, isFunction: boolean, filterable: readonly string[]): ListSpec {
  return {
    entitySet: `${BASE}/${setPath}`,
    typeName: type,
    filterable,
    expandable: ['group', 'principal'],
    requiredFilter: isFunction ? undefined : ['groupId', 'principalId'],
    isFunction,
  };
}

const methodNotAllowed = (req: GraphRequest) =>
  new GraphError(405, 'Request_BadRequest', `The HTTP method '${req.method}' is not allowed for this resource.`);

function scheduleSet(ctx: Ctx, req: GraphRequest, def: SetDef, setPath: string, rest: string[]): EmuResponse {
  if (req.method !== 'GET') throw methodNotAllowed(req);
  requireScope(req.token, def.scopes);
  const fields = SCHEDULE_FIELDS;
  const on = filterByCurrentUser(rest[0], ['principal']);
  const mine = (s: Schedule) => on === null || s.principalId === req.token.oid;
  const items = def.pick(ctx).filter(mine);
  if (rest.length === 0 || on !== null) {
    return listResponse(
      ctx,
      req,
      spec(setPath, def.type, on !== null, fields),
      items.map((s) => def.render(s, ctx)),
    );
  }
  const found = items.find((s) => s.id === rest[0] || s.instanceId === rest[0]);
  if (!found || rest.length > 1) throw notFound(`The resource '${rest.join('/')}' was not found.`);
  return entityResponse(ctx, req, spec(setPath, def.type, false, fields), def.render(found, ctx));
}

function requestsSet(ctx: Ctx, req: GraphRequest, rest: string[]): EmuResponse {
  const s: ListSpec = {
    ...spec('assignmentScheduleRequests', 'privilegedAccessGroupAssignmentScheduleRequest', false, REQUEST_FIELDS),
    expandable: ['group', 'principal', 'targetSchedule', 'activatedUsing'],
  };
  const casing = ctx.options.enumCasing;
  if (rest.length === 0 && req.method === 'POST') {
    requireScope(req.token, Scopes.assignmentWrite);
    return entityResponse(ctx, req, s, renderRequest(createRequest(ctx, req.body, req.token), casing), 201);
  }
  if (rest.length === 2 && rest[1]?.toLowerCase() === 'cancel') {
    if (req.method !== 'POST') throw methodNotAllowed(req);
    requireScope(req.token, Scopes.assignmentWrite);
    cancel(ctx, rest[0] ?? '', req.token.oid);
    return { status: 204 };
  }
  if (req.method !== 'GET') throw methodNotAllowed(req);
  requireScope(req.token, Scopes.assignmentRead);
  const on = filterByCurrentUser(rest[0], ['principal', 'createdBy', 'approver']);
  const me = req.token.oid;
  const all = ctx.state.requests.filter(
    (r) =>
      on === null ||
      (on === 'principal' && r.principalId === me) ||
      (on === 'createdBy' && r.createdBy === me) ||
      (on === 'approver' && r.approval !== null && isApproverOf(ctx, r, me)),
  );
  if (rest.length === 0 || on !== null) {
    return listResponse(
      ctx,
      req,
      { ...s, isFunction: on !== null, requiredFilter: on === null ? s.requiredFilter : undefined },
      all.map((r) => renderRequest(r, casing)),
    );
  }
  const found = ctx.state.requests.find((r) => r.id === rest[0]);
  if (!found || rest.length > 1) throw notFound(`The request '${rest.join('/')}' was not found.`);
  return entityResponse(ctx, req, s, renderRequest(found, casing));
}

/** Handles a path below the group base; `segments` are the parts after `/group/`. */
export function pimRoute(ctx: Ctx, req: GraphRequest, segments: string[]): EmuResponse {
  const [head = '', ...rest] = segments;
  const key = head.toLowerCase();
  const def = SETS[key];
  if (def) return scheduleSet(ctx, req, def, def.path, rest);
  if (key === 'assignmentschedulerequests') return requestsSet(ctx, req, rest);
  if (key === 'assignmentapprovals') return approvalRoute(ctx, req, rest);
  throw badRequest(`Resource not found for the segment '${head}'.`);
}
