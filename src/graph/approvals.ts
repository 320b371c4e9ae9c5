import type { Client } from '@microsoft/microsoft-graph-client';
import * as v from 'valibot';
import type { ApproverRequest, StageView } from '../core/approvals.ts';
import { durationToMinutes } from '../core/iso-duration.ts';
import type { AccessId } from '../core/pim-state.ts';
import { type BatchRequest, batch } from './batch.ts';
import type { GraphCallOptions } from './call-options.ts';
import { toGraphRequestError } from './errors.ts';
import { graphGet, odataQuery, parseGraph, readAllPages } from './pim.ts';
import { type ApprovalData, approval, approverRequest, loosePage } from './schemas.ts';

// The approver's calls (graph-pim-groups.md §5 "Approvals"; Microsoft Learn: approval-filterbycurrentuser,
// approval-get, approvalstage-update). The approval id is the request id.

const BASE = '/identityGovernance/privilegedAccess/group';
const REQUESTS = `${BASE}/assignmentScheduleRequests/filterByCurrentUser(on='approver')`;
const APPROVALS = `${BASE}/assignmentApprovals`;

export const APPROVER_URLS = {
  /** The requests waiting, with the requester's and the group's names. */
  requests: `${REQUESTS}?${odataQuery({
    $filter: "status eq 'PendingApproval'",
    $expand: 'principal,group($select=id,displayName)',
  })}`,
  /** The approvals in the caller's scope, with their stages (which stage is the caller's). */
  approvals: `${APPROVALS}/filterByCurrentUser(on='approver')`,
  /** Whether the caller approves anything at all, in any status: one id at most. */
  probe: `${REQUESTS}?${odataQuery({ $top: '1', $select: 'id' })}`,
};

/** `stages` (v1.0) or `steps` (beta); null when the approval came without either. */
export function stagesOf(a: ApprovalData): StageView[] | null {
  const list = a.stages ?? a.steps;
  if (!list) return null;
  return list.map((s) => ({
    id: s.id,
    assignedToMe: s.assignedToMe ?? null,
    status: s.status ?? null,
    reviewResult: s.reviewResult ?? null,
    reviewedByName: s.reviewedBy?.displayName ?? null,
  }));
}

/** A request as the approver view reads it: names flattened, the ISO duration in minutes. */
export function toApproverRequest(r: v.InferOutput<typeof approverRequest> & { accessId: AccessId }): ApproverRequest {
  const expiration = r.scheduleInfo?.expiration;
  return {
    id: r.id,
    status: r.status,
    groupId: r.groupId,
    groupName: r.group?.displayName ?? null,
    accessId: r.accessId,
    requesterName: r.principal?.displayName ?? null,
    createdMs: r.createdDateTime ?? null,
    startMs: r.scheduleInfo?.startDateTime ?? null,
    durationMinutes: expiration?.duration ? (durationToMinutes(expiration.duration) ?? null) : null,
    justification: r.justification ?? null,
    ticketNumber: r.ticketInfo?.ticketNumber || null,
    ticketSystem: r.ticketInfo?.ticketSystem || null,
  };
}

export interface ApproverData {
  requests: ApproverRequest[];
  /** Stages per approval id (lower-cased). */
  stages: Map<string, StageView[]>;
}

/** One approval by id, with its stages (v1.0 `stages`, beta `steps`). */
export async function readApproval(client: Client, id: string, options: GraphCallOptions): Promise<StageView[]> {
  const body = parseGraph(
    approval,
    await graphGet(client, `${APPROVALS}/${encodeURIComponent(id)}`, options),
    'approval',
  );
  return stagesOf(body) ?? [];
}

/**
 * The requests waiting on the caller and the stages that say which are theirs: one `$batch`.
 * An approval listed without stages (Microsoft's example shows only `id`) is read on its own.
 */
export async function readApproverData(client: Client, options: GraphCallOptions): Promise<ApproverData> {
  const asked: BatchRequest[] = [
    { id: 'requests', method: 'GET', url: APPROVER_URLS.requests },
    { id: 'approvals', method: 'GET', url: APPROVER_URLS.approvals },
  ];
  const replies = await batch(client, asked, options);
  const listed = await readAllPages(
    client,
    replies.get('requests'),
    { name: 'approverRequests', url: APPROVER_URLS.requests, item: approverRequest },
    options,
    [],
  );
  const stages = new Map<string, StageView[]>();
  const reply = replies.get('approvals');
  let body: unknown =
    reply && reply.status < 300 ? reply.body : await graphGet(client, APPROVER_URLS.approvals, options);
  for (let pages = 0; pages < 50; pages++) {
    const page = parseGraph(loosePage, body, 'approvals');
    for (const raw of page.value) {
      const result = v.safeParse(approval, raw);
      if (!result.success) continue; // an unreadable approval costs only itself
      const known = stagesOf(result.output);
      stages.set(result.output.id.toLowerCase(), known ?? (await readApproval(client, result.output.id, options)));
    }
    const next = page['@odata.nextLink'];
    if (!next) break;
    body = await graphGet(client, next, options);
  }
  return { requests: listed.map(toApproverRequest), stages };
}

/** Whether the caller approves any request at all (a `$top=1` read). */
export async function approvesAnything(client: Client, options: GraphCallOptions): Promise<boolean> {
  return parseGraph(loosePage, await graphGet(client, APPROVER_URLS.probe, options), 'probe').value.length > 0;
}

/** PATCH the caller's stage (v1.0 `stages`): 204 on success. */
export async function decideApproval(
  client: Client,
  decision: { approvalId: string; stageId: string; reviewResult: 'Approve' | 'Deny'; justification: string },
  options: GraphCallOptions,
): Promise<void> {
  const url = `${APPROVALS}/${encodeURIComponent(decision.approvalId)}/stages/${encodeURIComponent(decision.stageId)}`;
  const justification = decision.justification.trim();
  try {
    await client
      .api(url)
      .middlewareOptions([options])
      .patch({ reviewResult: decision.reviewResult, ...(justification ? { justification } : {}) });
  } catch (error) {
    throw toGraphRequestError(error);
  }
}
