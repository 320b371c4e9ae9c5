/**
 * Collection responses: `$filter`, `$expand`, `$select`, paging and `@odata.context`, shared by
 * every list endpoint so they all behave the same way.
 */
import type { EmuResponse, GraphRequest } from '../contract.ts';
import { badRequest, GraphError, JSON_TYPE } from './errors.ts';
import {
  applySelect,
  type ExpandItem,
  matches,
  nextLink,
  paginate,
  parseExpand,
  parseFilter,
  parseSelect,
  projection,
} from './odata.ts';
import type { Ctx } from './options.ts';
import { renderGroup, renderSchedule, renderUser } from './render.ts';
import { grantedScopes, Scopes } from './scopes.ts';

type Item = Record<string, unknown>;

export interface ListSpec {
  /** Entity set path for `@odata.context` of plain lists, e.g. "identityGovernance/privilegedAccess/group/eligibilitySchedules". */
  entitySet: string;
  /** Type name for `@odata.context` of function results (filterByCurrentUser), e.g. "privilegedAccessGroupEligibilitySchedule". */
  typeName: string;
  /** Properties `$filter` accepts. */
  filterable: readonly string[];
  /** Properties `$expand` accepts. */
  expandable: readonly string[];
  /** Plain admin-style lists require an `eq` filter on one of these (reference §1). */
  requiredFilter?: readonly string[];
  /** True for `filterByCurrentUser(...)`, whose context is a `Collection(...)`. */
  isFunction: boolean;
}

/** Attaches expanded navigation properties; `$expand=group` needs no scope beyond the list's own (unverified). */
export function expandItem(ctx: Ctx, item: Item, expand: ExpandItem[]): Item {
  const out = { ...item };
  for (const e of expand) {
    if (e.name === 'group') {
      const g = renderGroup(ctx.state.scenario, String(item.groupId));
      out.group = g && { '@odata.type': '#microsoft.graph.group', ...applySelect(g, e.select) };
    } else if (e.name === 'principal') {
      const u = renderUser(ctx.state.scenario, String(item.principalId));
      out.principal = u && { '@odata.type': '#microsoft.graph.user', ...applySelect(u, e.select) };
    } else if (e.name === 'targetSchedule') {
      // Requests only: the assignment schedule the request created (null while pending).
      const s = ctx.state.schedules.find((x) => x.id === item.targetScheduleId);
      out.targetSchedule = s ? applySelect(renderSchedule(s, ctx.options.enumCasing), e.select) : null;
    } else if (e.name === 'activatedUsing') {
      // Requests only: the eligibility schedule an activation was based on.
      const s = ctx.state.schedules.find(
        (x) =>
          x.kind === 'eligibility' &&
          x.principalId === item.principalId &&
          x.groupId === item.groupId &&
          x.accessId === item.accessId,
      );
      out.activatedUsing = s ? applySelect(renderSchedule(s, ctx.options.enumCasing), e.select) : null;
    }
  }
  return out;
}

/** `…#{set}{projection}` for lists; function results are `Collection(type)` with the same projection (decision 21). */
/** With `expandGroupNeedsDirectoryScope`, `$expand=group` without a directory scope is Graph's directory 403. */
function checkExpandScope(ctx: Ctx, req: GraphRequest, expand: ExpandItem[]): void {
  if (!ctx.options.expandGroupNeedsDirectoryScope || !expand.some((e) => e.name === 'group')) return;
  const granted = grantedScopes(req.token);
  if (Scopes.groupRead.some((s) => granted.has(s.toLowerCase()))) return;
  throw new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
}

/** Expands first (the navigation needs e.g. `groupId` even when it is not selected), then keeps the selection and the expansions. */
function selectExpanded(ctx: Ctx, item: Item, select: string[] | undefined, expand: ExpandItem[]): Item {
  return applySelect(expandItem(ctx, item, expand), select && [...select, ...expand.map((e) => e.name)]);
}

export function contextUrl(req: GraphRequest, spec: ListSpec, select?: string[], expand: ExpandItem[] = []): string {
  const target = spec.isFunction ? `Collection(microsoft.graph.${spec.typeName})` : spec.entitySet;
  return `${req.baseUrl}/$metadata#${target}${projection(select, expand)}`;
}

/**
 * Function results (`filterByCurrentUser`) carry `@odata.type` on every item, as each documented
 * example does; plain lists do not (their documented examples have none).
 */
const typed = (spec: ListSpec, item: Item): Item =>
  spec.isFunction ? { '@odata.type': `#microsoft.graph.${spec.typeName}`, ...item } : item;

export function listResponse(ctx: Ctx, req: GraphRequest, spec: ListSpec, all: Item[]): EmuResponse {
  const clauses = parseFilter(req.query.get('$filter'), spec.filterable);
  const required = spec.requiredFilter;
  if (required && !clauses.some((c) => c.op === 'eq' && required.includes(c.field))) {
    throw badRequest(
      `The filter query parameter must contain an 'eq' clause on ${required.map((f) => `'${f}'`).join(' or ')}, e.g. $filter=${required[0]} eq '{id}'.`,
    );
  }
  const expand = parseExpand(req.query.get('$expand'), spec.expandable);
  checkExpandScope(ctx, req, expand);
  const select = parseSelect(req.query.get('$select'));
  const filtered = all.filter((i) => matches(i, clauses));
  const page = paginate(filtered, req.query, ctx.options.pageSize);
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(req, spec, select, expand),
    value: page.items.map((i) => typed(spec, selectExpanded(ctx, i, select, expand))),
  };
  if (page.nextSkip !== null) body['@odata.nextLink'] = nextLink(req.baseUrl, req.path, req.query, page.nextSkip);
  return { status: 200, headers: { 'content-type': JSON_TYPE }, body };
}

/** A single entity with `$select`/`$expand`, e.g. GET …/assignmentScheduleRequests/{id}. */
export function entityResponse(ctx: Ctx, req: GraphRequest, spec: ListSpec, item: Item, status = 200): EmuResponse {
  const expand = parseExpand(req.query.get('$expand'), spec.expandable);
  checkExpandScope(ctx, req, expand);
  const select = parseSelect(req.query.get('$select'));
  return {
    status,
    headers: { 'content-type': JSON_TYPE },
    body: {
      '@odata.context': `${req.baseUrl}/$metadata#${spec.entitySet}${projection(select, expand)}/$entity`,
      ...selectExpanded(ctx, item, select, expand),
    },
  };
}
