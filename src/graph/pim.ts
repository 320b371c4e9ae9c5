import type { Client } from '@microsoft/microsoft-graph-client';
import * as v from 'valibot';
import { inParallel } from '../core/parallel.ts';
import type { AccessId } from '../core/pim-state.ts';
import { type ActivationRequirements, requirementsFromRules } from '../core/policy.ts';
import { summariseIssues } from '../core/schema-issues.ts';
import { BATCH_LIMIT, type BatchRequest, type BatchResponse, batch } from './batch.ts';
import type { GraphCallOptions } from './call-options.ts';
import { GraphRequestError, toGraphRequestError } from './errors.ts';
import {
  type AssignmentInstance,
  assignmentInstance,
  type EligibilityInstance,
  eligibilityInstance,
  page,
  policyAssignment,
  type ScheduleRequest,
  scheduleRequest,
} from './schemas.ts';

// One function per PIM for Groups call the extension makes (graph-pim-groups.md §1–§2).

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
  `${BASE}/${collection}/filterByCurrentUser(on='principal')?${odataQuery(params)}`;
const withGroupName = { $expand: 'group($select=id,displayName)' };

export const MY_PIM_REQUESTS = {
  eligibilities: mine('eligibilityScheduleInstances', withGroupName),
  actives: mine('assignmentScheduleInstances', withGroupName),
  pending: mine('assignmentScheduleRequests', { $filter: "status eq 'PendingApproval'" }),
  scheduled: mine('assignmentScheduleRequests', { $filter: "status eq 'Granted'" }),
};

export interface MyPimData {
  eligibilities: EligibilityInstance[];
  actives: AssignmentInstance[];
  pending: ScheduleRequest[];
  scheduled: ScheduleRequest[];
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

/**
 * Reads every page of a collection whose first page came in a batch. A failed batch item is asked
 * again on its own, where the retry middleware honours Retry-After (batch items are throttled one by one).
 */
async function allPages<S extends v.GenericSchema>(
  client: Client,
  first: BatchResponse | undefined,
  url: string,
  item: S,
  options: GraphCallOptions,
): Promise<v.InferOutput<S>[]> {
  let body = first && first.status < 300 ? first.body : await get(client, url, options);
  const items: v.InferOutput<S>[] = [];
  for (let pages = 0; ; pages++) {
    const current = parse(page(item), body, url);
    items.push(...current.value);
    const next = current['@odata.nextLink'];
    if (!next || pages > 200) return items;
    body = await get(client, next, options);
  }
}

/** The user's eligibilities, active assignments, pending and scheduled requests: one `$batch` round trip. */
export async function readMyPimData(client: Client, options: GraphCallOptions): Promise<MyPimData> {
  const requests: BatchRequest[] = Object.entries(MY_PIM_REQUESTS).map(([id, url]) => ({ id, method: 'GET', url }));
  const replies = await batch(client, requests, options);
  const [eligibilities, actives, pending, scheduled] = await Promise.all([
    allPages(client, replies.get('eligibilities'), MY_PIM_REQUESTS.eligibilities, eligibilityInstance, options),
    allPages(client, replies.get('actives'), MY_PIM_REQUESTS.actives, assignmentInstance, options),
    allPages(client, replies.get('pending'), MY_PIM_REQUESTS.pending, scheduleRequest, options),
    allPages(client, replies.get('scheduled'), MY_PIM_REQUESTS.scheduled, scheduleRequest, options),
  ]);
  return { eligibilities, actives, pending, scheduled };
}

export interface PolicyKey {
  groupId: string;
  accessId: AccessId;
}

export const policyUrl = ({ groupId, accessId }: PolicyKey) =>
  `/policies/roleManagementPolicyAssignments?${odataQuery({
    $filter: `scopeId eq '${groupId}' and scopeType eq 'Group' and roleDefinitionId eq '${accessId}'`,
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
      const assignment = parse(page(policyAssignment), reply.body, 'policy').value[0];
      if (assignment) found.set(`${key.groupId}:${key.accessId}`, requirementsFromRules(assignment.policy.rules));
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
  const assignment = parse(page(policyAssignment), await get(client, policyUrl(key), options), 'policy').value[0];
  return requirementsFromRules(assignment?.policy.rules ?? []);
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
  const url = mine('assignmentScheduleRequests', { $filter: `groupId eq '${groupId}'` });
  const requests = await allPages(client, undefined, url, scheduleRequest, options);
  return requests.sort((a, b) => (b.createdDateTime ?? 0) - (a.createdDateTime ?? 0));
}
