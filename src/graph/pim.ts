import type { Client } from '@microsoft/microsoft-graph-client';
import * as v from 'valibot';
import { isGuid } from '../core/connection.ts';
import { inParallel } from '../core/parallel.ts';
import type { AccessId } from '../core/pim-state.ts';
import { type ActivationRequirements, type PolicyRule, requirementsFromRules } from '../core/policy.ts';
import { AppError } from '../core/result.ts';
import { summariseIssues } from '../core/schema-issues.ts';
import { BATCH_LIMIT, type BatchRequest, type BatchResponse, batch } from './batch.ts';
import type { GraphCallOptions } from './call-options.ts';
import { GraphRequestError, toGraphRequestError } from './errors.ts';
import {
  type AssignmentInstance,
  assignmentInstance,
  type EligibilityInstance,
  eligibilityInstance,
  loosePage,
  policyAssignment,
  type ScheduleRequest,
  scheduleRequest,
} from './schemas.ts';

// One function per PIM for Groups call the extension makes (docs/graph-pim-groups.md §1–§2).

const BASE = '/identityGovernance/privilegedAccess/group';

/** OData query text with %20 for spaces (what Graph documents), keeping `$`, `(`, `)` and `=` readable. */
export function odataQuery(params: Record<string, string>): string {
  return Object.entries(params)
    .map(
      ([k, value]) =>
        `${k}=${encodeURIComponent(value).replace(/%24/g, '$').replace(/%2C/g, ',').replace(/%3D/g, '=')}`,
    )
    .join('&');
}

const mine = (collection: string, params: Record<string, string>) =>
  `${BASE}/${collection}/filterByCurrentUser(on='principal')${Object.keys(params).length ? `?${odataQuery(params)}` : ''}`;
const withGroupName = { $expand: 'group($select=id,displayName)' };

export const MY_PIM_REQUESTS = {
  eligibilities: mine('eligibilityScheduleInstances', withGroupName),
  actives: mine('assignmentScheduleInstances', withGroupName),
  pending: mine('assignmentScheduleRequests', { $filter: "status eq 'PendingApproval'" }),
  scheduled: mine('assignmentScheduleRequests', { $filter: "status eq 'Granted'" }),
};

/**
 * The same lists without `$expand=group`: asked when Graph refuses the expansion with a 403 (a
 * tenant may demand a directory read permission for group objects, which this app does not ask
 * for; docs/app-registration.md). The list then comes without names; snapshot.ts labels the ids.
 */
export const MY_PIM_REQUESTS_WITHOUT_NAMES = {
  eligibilities: mine('eligibilityScheduleInstances', {}),
  actives: mine('assignmentScheduleInstances', {}),
};

/** An item whose access this version knows: the ones with an unknown `accessId` are left out (and counted). */
type Known<T extends { accessId: string }> = T & { accessId: AccessId };

export interface MyPimData {
  eligibilities: Known<EligibilityInstance>[];
  actives: Known<AssignmentInstance>[];
  pending: Known<ScheduleRequest>[];
  scheduled: Known<ScheduleRequest>[];
  /**
   * Why each left-out item could not be read ("eligibilities[3]: accessId unknown"), without its
   * values: the caller logs them and tells the user how many.
   */
  unreadable: string[];
}

function parse<S extends v.GenericSchema>(schema: S, body: unknown, what: string): v.InferOutput<S> {
  const result = v.safeParse(schema, body);
  if (result.success) return result.output;
  // Described without the values: an answer may carry anything, 10,000 characters included.
  throw new GraphRequestError({ kind: 'malformed', detail: `${what}: ${summariseIssues(result.issues, 1)}` });
}

async function get(client: Client, url: string, options: GraphCallOptions): Promise<unknown> {
  try {
    return await client.api(url).middlewareOptions([options]).get();
  } catch (error) {
    throw toGraphRequestError(error);
  }
}

const isForbidden = (error: unknown) =>
  error instanceof GraphRequestError && 'status' in error.failure && error.failure.status === 403;

/** A schema of an item that names its access. */
type AccessItem = v.GenericSchema<unknown, { accessId: AccessId | 'unknown' }>;

/** One collection: where to read it and, if its `$expand` may be refused, where to read it without. */
interface Collection<S extends AccessItem> {
  name: string;
  url: string;
  withoutExpand?: string;
  item: S;
}

/**
 * The first page of a collection whose first answer came in a batch. A failed batch item is asked
 * again on its own, where the retry middleware honours Retry-After (batch items are throttled one
 * by one); a 403 on a list with `$expand` is asked again without it.
 */
async function firstPage(
  client: Client,
  first: BatchResponse | undefined,
  c: Collection<AccessItem>,
  options: GraphCallOptions,
): Promise<unknown> {
  if (first && first.status < 300) return first.body;
  if (first?.status === 403 && c.withoutExpand) return get(client, c.withoutExpand, options);
  try {
    return await get(client, c.url, options);
  } catch (error) {
    if (isForbidden(error) && c.withoutExpand) return get(client, c.withoutExpand, options);
    throw error;
  }
}

/** A collection being read: the items so far, and the link to its next page (none: complete). */
interface Reading<S extends AccessItem> {
  collection: Collection<S>;
  items: Known<v.InferOutput<S>>[];
  next: string | undefined;
  pages: number;
  /** Items seen so far, read or left out: the index in `unreadable`'s reasons. */
  seen: number;
}

/**
 * Adds one page to `reading`, item by item: an item that fails validation, or whose `accessId`
 * this version does not know, is left out and its reason added to `unreadable`. A page that is not
 * a page at all (no `value` array) still fails the read.
 */
function takePage<S extends AccessItem>(reading: Reading<S>, body: unknown, unreadable: string[]): void {
  const c = reading.collection;
  const current = parse(loosePage, body, c.url);
  for (const raw of current.value) {
    const where = `${c.name}[${reading.seen++}]`;
    const result = v.safeParse(c.item, raw);
    if (!result.success) unreadable.push(`${where}: ${summariseIssues(result.issues, 1)}`);
    else if (result.output.accessId === 'unknown') unreadable.push(`${where}: accessId: not member or owner`);
    else reading.items.push(result.output as Known<v.InferOutput<S>>);
  }
  reading.pages++;
  // A runaway nextLink (a server that pages forever) ends the read after 200 pages.
  reading.next = reading.pages > 200 ? undefined : current['@odata.nextLink'];
}

async function firstReading<S extends AccessItem>(
  client: Client,
  first: BatchResponse | undefined,
  c: Collection<S>,
  options: GraphCallOptions,
  unreadable: string[],
): Promise<Reading<S>> {
  const reading: Reading<S> = { collection: c, items: [], next: undefined, pages: 0, seen: 0 };
  takePage(reading, await firstPage(client, first, c, options), unreadable);
  return reading;
}

/** Follows `@odata.nextLink` to the last page (one round trip each: the link is opaque). */
async function remainingPages<S extends AccessItem>(
  client: Client,
  reading: Reading<S>,
  options: GraphCallOptions,
  unreadable: string[],
): Promise<Known<v.InferOutput<S>>[]> {
  while (reading.next) takePage(reading, await get(client, reading.next, options), unreadable);
  return reading.items;
}

/** Reads every page of a collection (see takePage for what is left out). */
async function allPages<S extends AccessItem>(
  client: Client,
  first: BatchResponse | undefined,
  c: Collection<S>,
  options: GraphCallOptions,
  unreadable: string[],
): Promise<Known<v.InferOutput<S>>[]> {
  return remainingPages(client, await firstReading(client, first, c, options, unreadable), options, unreadable);
}

/**
 * Called once with what the first pages hold when a list has more pages to come: the caller can
 * show it (marked as partial) while the rest is read. Not called when the first pages are all.
 */
export type FirstPages = (data: MyPimData) => Promise<void>;

/**
 * The user's eligibilities, active assignments, pending and scheduled requests: one `$batch` round
 * trip for the first page of each, then one round trip per further page of each list (the four
 * follow their links side by side). `firstPages` hears the batch's share before those (issue 19:
 * at 1,000 groups the list is ten pages, and the popup paints the first at once).
 */
export async function readMyPimData(
  client: Client,
  options: GraphCallOptions,
  firstPages?: FirstPages,
): Promise<MyPimData> {
  const requests: BatchRequest[] = Object.entries(MY_PIM_REQUESTS).map(([id, url]) => ({ id, method: 'GET', url }));
  const replies = await batch(client, requests, options);
  const unreadable: string[] = [];
  const start = <S extends AccessItem>(c: Collection<S>) =>
    firstReading(client, replies.get(c.name), c, options, unreadable);
  const readings = await Promise.all([
    start({
      name: 'eligibilities',
      url: MY_PIM_REQUESTS.eligibilities,
      withoutExpand: MY_PIM_REQUESTS_WITHOUT_NAMES.eligibilities,
      item: eligibilityInstance,
    }),
    start({
      name: 'actives',
      url: MY_PIM_REQUESTS.actives,
      withoutExpand: MY_PIM_REQUESTS_WITHOUT_NAMES.actives,
      item: assignmentInstance,
    }),
    start({ name: 'pending', url: MY_PIM_REQUESTS.pending, item: scheduleRequest }),
    start({ name: 'scheduled', url: MY_PIM_REQUESTS.scheduled, item: scheduleRequest }),
  ] as const);
  const [e, a, p, s] = readings;
  // Copies: the readings grow while the caller shows the first pages.
  const shown =
    firstPages && readings.some((r) => r.next)
      ? firstPages({
          eligibilities: [...e.items],
          actives: [...a.items],
          pending: [...p.items],
          scheduled: [...s.items],
          unreadable: [...unreadable],
        })
      : undefined;
  const rest = <S extends AccessItem>(r: Reading<S>) => remainingPages(client, r, options, unreadable);
  const [eligibilities, actives, pending, scheduled] = await Promise.all([rest(e), rest(a), rest(p), rest(s), shown]);
  return { eligibilities, actives, pending, scheduled, unreadable };
}

export interface PolicyKey {
  groupId: string;
  accessId: AccessId;
}

/**
 * A group id that goes into a `$filter`: a GUID, or nothing is sent. Every caller checks it first
 * (background/request-checks.ts); this is the last line, where the query is built.
 */
function filterGroupId(groupId: string): string {
  if (!isGuid(groupId)) throw new AppError('invalid-request', 'A group id that is not a GUID was refused.');
  return groupId;
}

export const policyUrl = ({ groupId, accessId }: PolicyKey) =>
  `/policies/roleManagementPolicyAssignments?${odataQuery({
    $filter: `scopeId eq '${filterGroupId(groupId)}' and scopeType eq 'Group' and roleDefinitionId eq '${accessId === 'owner' ? 'owner' : 'member'}'`,
    $expand: 'policy($expand=rules)',
  })}`;

/**
 * Batches in flight at once when reading policies: 1,000 groups take 13 round trips instead of 50
 * (issue 8), while staying far below Graph's per-app limits; the retry middleware honours any 429.
 */
export const POLICY_BATCHES_IN_PARALLEL = 4;

/** The activation requirements of each (group, access), in batches of 20. Failed ones are left out. */
export async function readRequirements(
  client: Client,
  keys: PolicyKey[],
  options: GraphCallOptions,
): Promise<Map<string, ActivationRequirements>> {
  const found = new Map<string, ActivationRequirements>();
  const chunks = Array.from({ length: Math.ceil(keys.length / BATCH_LIMIT) }, (_, i) =>
    keys.slice(i * BATCH_LIMIT, (i + 1) * BATCH_LIMIT),
  );
  await inParallel(chunks, POLICY_BATCHES_IN_PARALLEL, async (chunk) => {
    const replies = await batch(
      client,
      chunk.map((k, n) => ({ id: String(n), method: 'GET', url: policyUrl(k) })),
      options,
    );
    chunk.forEach((key, n) => {
      const reply = replies.get(String(n));
      if (!reply || reply.status >= 300) return;
      try {
        found.set(`${key.groupId}:${key.accessId}`, requirementsFromRules(rulesFor(key, reply.body)));
      } catch {
        // Left out: asked again on its own (readRequirement) when the user opens its form.
      }
    });
  });
  return found;
}

/** A single (group, access) policy, asked directly so its failure is reported. */
export async function readRequirement(
  client: Client,
  key: PolicyKey,
  options: GraphCallOptions,
): Promise<ActivationRequirements> {
  return requirementsFromRules(rulesFor(key, await get(client, policyUrl(key), options)));
}

/** The code of the failure above; core/graph-errors.ts explains it. */
export const POLICY_NOT_FOUND = 'RoleManagementPolicyNotFound';

/**
 * The rules of the policy asked for, picked by `scopeId` and `roleDefinitionId` rather than taken
 * first: should Graph answer with both the member and the owner policy (or another group's), an
 * owner activation must never get the member limits. None that fits is a malformed answer, not
 * "no rules": reading "nothing required" from a missing policy would mislead the form.
 */
function rulesFor(key: PolicyKey, body: unknown): PolicyRule[] {
  // Checked one by one: another group's or role's assignment that cannot be read must not cost this one.
  const assignments = parse(loosePage, body, 'policy').value.flatMap((raw) => {
    const result = v.safeParse(policyAssignment, raw);
    return result.success ? [result.output] : [];
  });
  if (assignments.length === 0) {
    // Graph answered, with no policy for this group at all: a group that no longer exists (or
    // left PIM) looks like this. Reported as the not-found it means, so the user reads why.
    throw new GraphRequestError({
      status: 404,
      code: POLICY_NOT_FOUND,
      message: `No ${key.accessId} policy assignment exists for this group.`,
    });
  }
  const match = assignments.find(
    (a) => a.scopeId.toLowerCase() === key.groupId.toLowerCase() && a.roleDefinitionId === key.accessId,
  );
  const rules = match?.policy?.rules;
  if (!rules) {
    throw new GraphRequestError({
      kind: 'malformed',
      detail: `policy: no ${key.accessId} policy with its rules among ${assignments.length} answered`,
    });
  }
  return rules;
}

export interface ScheduleRequestBody {
  accessId: AccessId;
  principalId: string;
  groupId: string;
  action: 'selfActivate' | 'selfDeactivate';
  justification?: string;
  scheduleInfo?: { startDateTime: string; expiration: { type: 'afterDuration'; duration: string } };
  ticketInfo?: { ticketNumber: string; ticketSystem: string };
}

/** POST assignmentScheduleRequests (activate or deactivate). Never retried here except on 429. */
export async function postScheduleRequest(
  client: Client,
  body: ScheduleRequestBody,
  options: GraphCallOptions,
): Promise<ScheduleRequest> {
  try {
    return parse(
      scheduleRequest,
      await client.api(`${BASE}/assignmentScheduleRequests`).middlewareOptions([options]).post(body),
      'request',
    );
  } catch (error) {
    throw toGraphRequestError(error);
  }
}

export async function cancelScheduleRequest(
  client: Client,
  requestId: string,
  options: GraphCallOptions,
): Promise<void> {
  try {
    await client
      .api(`${BASE}/assignmentScheduleRequests/${encodeURIComponent(requestId)}/cancel`)
      .middlewareOptions([options])
      .post(undefined);
  } catch (error) {
    throw toGraphRequestError(error);
  }
}

/** One request by id, e.g. to learn why a pending approval left the list (Denied, Canceled…). */
export async function readScheduleRequest(
  client: Client,
  requestId: string,
  options: GraphCallOptions,
): Promise<ScheduleRequest> {
  return parse(
    scheduleRequest,
    await get(client, `${BASE}/assignmentScheduleRequests/${encodeURIComponent(requestId)}`, options),
    'request',
  );
}

/** The user's requests for one group, newest first: how an ambiguous POST is reconciled. */
export async function readMyRequestsForGroup(
  client: Client,
  groupId: string,
  options: GraphCallOptions,
): Promise<ScheduleRequest[]> {
  const url = mine('assignmentScheduleRequests', { $filter: `groupId eq '${filterGroupId(groupId)}'` });
  // Requests with an unknown access or shape are not the one being reconciled: left out.
  const requests = await allPages(client, undefined, { name: 'requests', url, item: scheduleRequest }, options, []);
  return requests.sort((a, b) => (b.createdDateTime ?? 0) - (a.createdDateTime ?? 0));
}

// Shared with approvals.ts, which reads the approver's lists the same way.
export { allPages as readAllPages, get as graphGet, parse as parseGraph };
