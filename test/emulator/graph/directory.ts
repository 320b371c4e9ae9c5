/**
 * The directory reads the extension needs beside PIM: `/me`, `/users/{id}` and `/groups/{id}`
 * (the display-name fallback when `$expand=group` comes back null, reference §1), and the
 * policy list `GET /policies/roleManagementPolicyAssignments` (reference §2).
 */
import type { EmuResponse, GraphRequest } from '../contract.ts';
import { badRequest, GraphError, JSON_TYPE } from './errors.ts';
import { applySelect, parseExpand, parseFilter, parseSelect, projection } from './odata.ts';
import type { Ctx } from './options.ts';
import { policyById, renderPolicy, renderPolicyAssignment } from './policies.ts';
import { liveGroup, renderGroup, renderUser } from './render.ts';
import { requireScope, Scopes } from './scopes.ts';
import type { AccessId } from './state.ts';

const json = (body: Record<string, unknown>): EmuResponse => ({
  status: 200,
  headers: { 'content-type': JSON_TYPE },
  body,
});

// Graph's directory 404 text.
const directoryNotFound = (id: string) =>
  new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

function entity(req: GraphRequest, set: string, obj: Record<string, unknown>): EmuResponse {
  const select = parseSelect(req.query.get('$select'));
  const ctxSet = select ? `${set}(${select.join(',')})` : set;
  return json({ '@odata.context': `${req.baseUrl}/$metadata#${ctxSet}/$entity`, ...applySelect(obj, select) });
}

export function meRoute(ctx: Ctx, req: GraphRequest): EmuResponse {
  requireScope(req.token, Scopes.meRead);
  const u = renderUser(ctx.state.scenario, req.token.oid);
  if (!u) throw directoryNotFound(req.token.oid);
  return entity(req, 'users', u);
}

/** Reading oneself needs only User.Read; anyone else needs User.ReadBasic.All or more, as in Graph. */
export function userRoute(ctx: Ctx, req: GraphRequest, id: string): EmuResponse {
  const u = ctx.state.scenario.users.find(
    (x) => x.id.toLowerCase() === id.toLowerCase() || x.userPrincipalName.toLowerCase() === id.toLowerCase(),
  );
  requireScope(req.token, u?.id === req.token.oid ? Scopes.meRead : Scopes.userRead);
  const rendered = u && renderUser(ctx.state.scenario, u.id);
  if (!rendered) throw directoryNotFound(id);
  return entity(req, 'users', rendered);
}

export function groupRoute(ctx: Ctx, req: GraphRequest, id: string): EmuResponse {
  requireScope(req.token, Scopes.groupRead);
  const g = renderGroup(ctx.state.scenario, id);
  if (!g) throw directoryNotFound(id);
  return entity(req, 'groups', g);
}

export function policyAssignmentsRoute(ctx: Ctx, req: GraphRequest): EmuResponse {
  requireScope(req.token, Scopes.policyRead);
  const clauses = parseFilter(req.query.get('$filter'), ['scopeId', 'scopeType', 'roleDefinitionId']);
  const eq = (field: string) => clauses.find((c) => c.field === field && c.op === 'eq')?.value;
  const scopeId = eq('scopeId');
  const scopeType = eq('scopeType');
  if (scopeId === undefined || scopeType === undefined || clauses.some((c) => c.op !== 'eq')) {
    throw badRequest(
      "The filter must specify scopeId and scopeType with 'eq', e.g. $filter=scopeId eq '{groupId}' and scopeType eq 'Group'.",
    );
  }
  if (scopeType.toLowerCase() !== 'group')
    throw badRequest(`Unsupported scopeType '${scopeType}'. Only 'Group' is emulated.`);
  const role = eq('roleDefinitionId')?.toLowerCase();
  if (role !== undefined && role !== 'member' && role !== 'owner') {
    throw badRequest(`Invalid roleDefinitionId '${role}' for scopeType 'Group'. Expected 'member' or 'owner'.`);
  }
  const expand = parseExpand(req.query.get('$expand'), ['policy']);
  const policy = expand.find((e) => e.name === 'policy');
  const withRules = policy?.expand?.some((e) => e.name === 'rules') ?? false;
  const group = liveGroup(ctx.state.scenario, scopeId);
  const roles: AccessId[] = role ? [role as AccessId] : ['member', 'owner'];
  const select = parseSelect(req.query.get('$select'));
  const value = group
    ? roles.map((r) =>
        applySelect(
          renderPolicyAssignment(ctx.state.scenario, group.id, r, { policy: policy !== undefined, rules: withRules }),
          select && policy ? [...select, 'policy'] : select,
        ),
      )
    : [];
  const context = `policies/roleManagementPolicyAssignments${projection(select, expand)}`;
  return json({ '@odata.context': `${req.baseUrl}/$metadata#${context}`, value });
}

/**
 * `GET /policies/roleManagementPolicies/{id}` (with `$expand=rules`), `…/{id}/rules` and
 * `…/{id}/rules/{ruleId}` for group policies (GD `v1.0/api/unifiedrolemanagementpolicy-get.md`,
 * `unifiedrolemanagementpolicy-list-rules.md`, `unifiedrolemanagementpolicyrule-get.md`).
 * An unknown policy or rule id → 404 `ResourceNotFound` (Graph's text is not documented).
 */
export function policiesRoute(ctx: Ctx, req: GraphRequest, rest: string[]): EmuResponse {
  requireScope(req.token, Scopes.policyRead);
  const [id = '', nav, ruleId, ...extra] = rest;
  const found = policyById(ctx.state.scenario, id);
  if (!found) throw new GraphError(404, 'ResourceNotFound', `The policy '${id}' was not found.`);
  const select = parseSelect(req.query.get('$select'));
  const base = `${req.baseUrl}/$metadata#policies/roleManagementPolicies`;
  if (nav === undefined) {
    const expand = parseExpand(req.query.get('$expand'), ['rules']);
    const policy = renderPolicy(ctx.state.scenario, found.groupId, found.accessId, expand.length > 0);
    const keep = select && expand.length ? [...select, 'rules'] : select;
    return json({ '@odata.context': `${base}${projection(select, expand)}/$entity`, ...applySelect(policy, keep) });
  }
  if (nav.toLowerCase() !== 'rules' || extra.length > 0) {
    throw badRequest(`Resource not found for the segment '${extra[0] ?? nav}'.`);
  }
  const policyId = String(renderPolicy(ctx.state.scenario, found.groupId, found.accessId, false).id);
  const all = renderPolicy(ctx.state.scenario, found.groupId, found.accessId, true).rules as Record<string, unknown>[];
  const rulesOf = `${base}('${policyId}')/rules`;
  if (ruleId === undefined) {
    return json({
      '@odata.context': `${rulesOf}${projection(select, [])}`,
      value: all.map((r) => applySelect(r, select)),
    });
  }
  const rule = all.find((r) => String(r.id).toLowerCase() === ruleId.toLowerCase());
  if (!rule) throw new GraphError(404, 'ResourceNotFound', `The rule '${ruleId}' was not found.`);
  return json({ '@odata.context': `${rulesOf}${projection(select, [])}/$entity`, ...applySelect(rule, select) });
}
