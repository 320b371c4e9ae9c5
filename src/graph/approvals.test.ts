// The approver's reads against a scripted Graph: v1.0 `stages` and beta `steps`, an approval listed
// without either (read again on its own), and the PATCH body. Every request made is asserted.

import * as v from 'valibot';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APPROVER_URLS,
  approvesAnything,
  decideApproval,
  readApproverData,
  stagesOf,
  toApproverRequest,
} from './approvals.ts';
import { GraphCallOptions } from './call-options.ts';
import { createGraphClient } from './client.ts';
import { approval } from './schemas.ts';

const GRAPH = 'https://graph.microsoft.com';
const options = new GraphCallOptions(['PrivilegedAssignmentSchedule.Read.AzureADGroup'], false);
const client = () =>
  createGraphClient({ graphHost: GRAPH, getToken: async () => ({ token: 'token', viaWindow: false }) });
const G = 'd5f09c4e-f709-4a2b-a6b7-2c3d4e5f6a13';
const ID = '7a1b2c3d-0000-4000-a000-000000000001';
const APPROVAL_URL = `/identityGovernance/privilegedAccess/group/assignmentApprovals/${ID}`;

let routes: Map<string, { status: number; body: unknown }>;
let asked: Array<{ method: string; url: string; body?: unknown }>;

const fakeGraph: typeof fetch = async (input, init) => {
  const request = input instanceof Request ? input : new Request(input, init);
  const url = new URL(request.url);
  const json = (body: unknown, status = 200) =>
    new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  const answer = (method: string, relative: string, body?: unknown) => {
    asked.push({ method, url: relative, ...(body === undefined ? {} : { body }) });
    const known = [...routes.keys()].find((k) => decodeURIComponent(k) === decodeURIComponent(relative));
    return (
      (known === undefined ? undefined : routes.get(known)) ?? {
        status: 404,
        body: { error: { code: 'NotFound', message: relative } },
      }
    );
  };
  if (url.pathname === '/v1.0/$batch') {
    const body = JSON.parse(await request.text()) as { requests: { id: string; method: string; url: string }[] };
    return json({
      responses: body.requests.map(({ id, method, url: relative }) => ({
        id,
        headers: {},
        ...answer(method, relative),
      })),
    });
  }
  const text = await request.text();
  const reply = answer(
    request.method,
    `${url.pathname.replace(/^\/v1\.0/, '')}${url.search}`,
    text ? JSON.parse(text) : undefined,
  );
  return json(reply.body, reply.status);
};

const pendingRequest = {
  id: ID,
  status: 'PendingApproval',
  groupId: G,
  accessId: 'member',
  action: 'selfActivate',
  createdDateTime: '2026-06-01T11:00:00Z',
  justification: 'Quarter end',
  scheduleInfo: {
    startDateTime: '2026-06-01T11:00:00Z',
    expiration: { type: 'afterDuration', duration: 'PT4H' },
  },
  ticketInfo: { ticketNumber: 'FIN-2291', ticketSystem: '' },
  principal: { id: 'adele', displayName: 'Adele Vance' },
  group: { id: G, displayName: 'SG-Billing-Administrators' },
};
const stageJson = {
  id: 'stage-1',
  assignedToMe: true,
  status: 'InProgress',
  reviewResult: 'NotReviewed',
  reviewedBy: null,
  reviewedDateTime: null,
  justification: null,
};

beforeAll(() => vi.stubGlobal('fetch', fakeGraph));
afterAll(() => vi.unstubAllGlobals());
beforeEach(() => {
  asked = [];
  routes = new Map();
});

describe('stagesOf: both shapes', () => {
  const parse = (raw: unknown) => v.parse(approval, raw);
  it('reads v1.0 stages and beta steps alike, enum values lower-cased', () => {
    const expected = [
      { id: 'stage-1', assignedToMe: true, status: 'inprogress', reviewResult: 'notreviewed', reviewedByName: null },
    ];
    expect(stagesOf(parse({ id: ID, stages: [stageJson] }))).toEqual(expected);
    expect(stagesOf(parse({ id: ID, steps: [stageJson] }))).toEqual(expected);
  });
  it('a decided stage names its reviewer; an approval with neither list is null', () => {
    const decided = { ...stageJson, status: 'Completed', reviewResult: 'Denied', reviewedBy: { displayName: 'Megan' } };
    expect(stagesOf(parse({ id: ID, stages: [decided] }))).toEqual([
      { id: 'stage-1', assignedToMe: true, status: 'completed', reviewResult: 'denied', reviewedByName: 'Megan' },
    ]);
    expect(stagesOf(parse({ '@odata.type': '#microsoft.graph.approval', id: ID }))).toBeNull();
  });
});

describe('readApproverData', () => {
  it('one $batch of the requests and the approvals; the request read as the view needs it', async () => {
    routes.set(APPROVER_URLS.requests, { status: 200, body: { value: [pendingRequest] } });
    routes.set(APPROVER_URLS.approvals, { status: 200, body: { value: [{ id: ID, steps: [stageJson] }] } });
    const data = await readApproverData(client(), options);
    expect(asked).toEqual([
      { method: 'GET', url: APPROVER_URLS.requests },
      { method: 'GET', url: APPROVER_URLS.approvals },
    ]);
    expect(data.requests).toEqual([
      {
        id: ID,
        status: 'pendingapproval',
        groupId: G,
        groupName: 'SG-Billing-Administrators',
        accessId: 'member',
        requesterName: 'Adele Vance',
        createdMs: Date.parse('2026-06-01T11:00:00Z'),
        startMs: Date.parse('2026-06-01T11:00:00Z'),
        durationMinutes: 240,
        justification: 'Quarter end',
        ticketNumber: 'FIN-2291',
        ticketSystem: null,
      },
    ]);
    expect([...data.stages.keys()]).toEqual([ID]);
  });

  it('an approval listed with only its id (as Microsoft’s example shows) is read on its own', async () => {
    routes.set(APPROVER_URLS.requests, { status: 200, body: { value: [pendingRequest] } });
    routes.set(APPROVER_URLS.approvals, { status: 200, body: { value: [{ id: ID }] } });
    routes.set(APPROVAL_URL, { status: 200, body: { id: ID, stages: [stageJson] } });
    const data = await readApproverData(client(), options);
    expect(asked.map((a) => a.url)).toEqual([APPROVER_URLS.requests, APPROVER_URLS.approvals, APPROVAL_URL]);
    expect(data.stages.get(ID)?.map((s) => s.id)).toEqual(['stage-1']);
  });

  it('a request with an unknown shape is left out, the rest kept', async () => {
    routes.set(APPROVER_URLS.requests, { status: 200, body: { value: [{ id: 'x' }, pendingRequest] } });
    routes.set(APPROVER_URLS.approvals, { status: 200, body: { value: [] } });
    expect((await readApproverData(client(), options)).requests.map((r) => r.id)).toEqual([ID]);
  });
});

describe('approvesAnything and decideApproval', () => {
  it('the probe is a $top=1 read of the requests the caller approves', async () => {
    routes.set(APPROVER_URLS.probe, { status: 200, body: { value: [] } });
    expect(await approvesAnything(client(), options)).toBe(false);
    routes.set(APPROVER_URLS.probe, { status: 200, body: { value: [{ id: ID }] } });
    expect(await approvesAnything(client(), options)).toBe(true);
    expect(asked.map((a) => a.url)).toEqual([APPROVER_URLS.probe, APPROVER_URLS.probe]);
  });

  it('PATCHes the v1.0 stage with reviewResult and the trimmed justification (none when blank)', async () => {
    routes.set(`${APPROVAL_URL}/stages/stage-1`, { status: 204, body: null });
    await decideApproval(
      client(),
      { approvalId: ID, stageId: 'stage-1', reviewResult: 'Approve', justification: ' ok ' },
      options,
    );
    await decideApproval(
      client(),
      { approvalId: ID, stageId: 'stage-1', reviewResult: 'Deny', justification: '  ' },
      options,
    );
    expect(asked).toEqual([
      {
        method: 'PATCH',
        url: `${APPROVAL_URL}/stages/stage-1`,
        body: { reviewResult: 'Approve', justification: 'ok' },
      },
      { method: 'PATCH', url: `${APPROVAL_URL}/stages/stage-1`, body: { reviewResult: 'Deny' } },
    ]);
  });

  it('toApproverRequest: no duration when the expiration has none', () => {
    const parsed = { ...pendingRequest, status: 'pendingapproval', accessId: 'member' as const };
    expect(
      toApproverRequest({
        ...parsed,
        createdDateTime: 0,
        scheduleInfo: { startDateTime: null, expiration: null },
        justification: null,
        principal: null,
        group: null,
        ticketInfo: null,
      }).durationMinutes,
    ).toBeNull();
  });
});
