/**
 * Top-level dispatch of a Graph path (after the version) to its handler. Unknown segments get
 * Graph's own 400 "Resource not found for the segment" rather than a 404.
 */
import type { EmuResponse, GraphRequest } from '../contract.ts';
import { groupRoute, meRoute, policiesRoute, policyAssignmentsRoute, userRoute } from './directory.ts';
import { badRequest, GraphError } from './errors.ts';
import { checkQueryOptions } from './odata.ts';
import type { Ctx } from './options.ts';
import { pimRoute } from './pim-routes.ts';

function getOnly(req: GraphRequest): void {
  if (req.method !== 'GET') {
    throw new GraphError(
      405,
      'Request_BadRequest',
      `The HTTP method '${req.method}' is not allowed for this resource.`,
    );
  }
}

export function route(ctx: Ctx, req: GraphRequest): EmuResponse {
  checkQueryOptions(req.query);
  const segments = req.path.split('/').filter((s) => s !== '');
  const [a = '', b, , ...rest] = segments;
  const lower = segments.map((s) => s.toLowerCase());
  if (lower[0] === 'me' && segments.length === 1) {
    getOnly(req);
    return meRoute(ctx, req);
  }
  if (lower[0] === 'users' && b !== undefined && segments.length === 2) {
    getOnly(req);
    return userRoute(ctx, req, b);
  }
  if (lower[0] === 'groups' && b !== undefined && segments.length === 2) {
    getOnly(req);
    return groupRoute(ctx, req, b);
  }
  if (lower[0] === 'policies' && lower[1] === 'rolemanagementpolicyassignments' && segments.length === 2) {
    getOnly(req);
    return policyAssignmentsRoute(ctx, req);
  }
  if (lower[0] === 'policies' && lower[1] === 'rolemanagementpolicies' && segments.length >= 3) {
    getOnly(req);
    return policiesRoute(ctx, req, segments.slice(2));
  }
  if (lower[0] === 'identitygovernance' && lower[1] === 'privilegedaccess' && lower[2] === 'group') {
    return pimRoute(ctx, req, rest);
  }
  // Name the first segment that did not resolve, as Graph does.
  const known = ['identitygovernance', 'privilegedaccess', 'group'];
  const bad = known.every((k, i) => lower[i] === k || i >= segments.length)
    ? a
    : segments[known.findIndex((k, i) => lower[i] !== k)];
  throw badRequest(`Resource not found for the segment '${bad ?? a}'.`);
}
