// Contract tests from Microsoft's documentation (issue 17), both ways, for every Graph call the
// extension makes: (1) the response example printed on the call's Microsoft Learn page (copied in
// test/emulator/graph/doc-examples/, each file naming its page under `source`) is read by the
// extension's own reader, to the exact values; (2) the emulator's answer to the same request has
// every key of that example, with the same JSON types. Enum values come in both casings the docs
// show (`Direct`/`direct`, `SelfActivate`/`selfActivate`), and both are read the same way.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import assignmentInstances from '../../test/emulator/graph/doc-examples/assignment-instances-mine.json' with {
  type: 'json',
};
import batchExample from '../../test/emulator/graph/doc-examples/batch.json' with { type: 'json' };
import eligibilityInstances from '../../test/emulator/graph/doc-examples/eligibility-instances-mine.json' with {
  type: 'json',
};
import policyAssignments from '../../test/emulator/graph/doc-examples/policy-assignments-group.json' with {
  type: 'json',
};
import requestGet from '../../test/emulator/graph/doc-examples/request-get.json' with { type: 'json' };
import requestPost from '../../test/emulator/graph/doc-examples/request-post-selfactivate.json' with { type: 'json' };
import requestsPending from '../../test/emulator/graph/doc-examples/requests-mine-pending.json' with { type: 'json' };
import { createGraphService } from '../../test/emulator/graph/index.ts';
import { type Emulator, startEmulator } from '../../test/emulator/server.ts';
import { emuFetch, mintToken } from '../../test/emulator/test-client.ts';
import { ALL_SCOPES } from '../auth/scopes.ts';
import { emulatorFetch } from '../test-support/emulator-fetch.ts';
import { batch } from './batch.ts';
import { GraphCallOptions } from './call-options.ts';
import { createGraphClient } from './client.ts';
import { failureFromBody } from './errors.ts';
import {
  MY_PIM_REQUESTS,
  policyUrl,
  postScheduleRequest,
  readMyPimData,
  readRequirement,
  readScheduleRequest,
} from './pim.ts';
import { buildItems } from './snapshot.ts';

const GRAPH = 'https://graph.microsoft.com';
const read = new GraphCallOptions(['PrivilegedEligibilitySchedule.Read.AzureADGroup'], false);
const write = new GraphCallOptions(['PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup'], true);
const client = () =>
  createGraphClient({ graphHost: GRAPH, getToken: async () => ({ token: 'token', viaWindow: false }) });
const ADELE = '4e8c1a3b-5d72-4f19-8a6e-0b3c9d2e7f41';
const SQL_ADMINS = '1f4a7c2e-3b5d-4e6f-8a9b-0c1d2e3f4a01';
const DEVOPS = 'a2cd6f1b-c4d6-47f8-b384-9f0a1b2c3d10';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Example = { source: string; request: string; response: Record<string, unknown> };
const examples = [
  batchExample,
  eligibilityInstances,
  assignmentInstances,
  requestsPending,
  requestPost,
  requestGet,
  policyAssignments,
] as Example[];

it('every example names the Microsoft Learn page it was copied from', () => {
  for (const e of examples)
    expect(e.source).toMatch(
      /^https:\/\/learn\.microsoft\.com\/en-us\/graph\/(api\/[a-z-]+\?view=graph-rest-1\.0|json-batching)$/,
    );
});

describe("the extension's reader reads Microsoft's examples", () => {
  /** Serves the doc examples: the batch items and single GETs get the page's response body. */
  let bodies: Map<string, unknown>;
  const docGraph: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    if (url.pathname === '/v1.0/$batch') {
      const asked = JSON.parse(await request.text()) as { requests: { id: string; url: string }[] };
      return json({
        responses: asked.requests.map((r) => ({ id: r.id, status: 200, headers: {}, body: bodies.get(r.url) })),
      });
    }
    const relative = decodeURIComponent(`${url.pathname.replace(/^\/v1\.0/, '')}${url.search}`);
    const key = [...bodies.keys()].find((k) => decodeURIComponent(k) === relative);
    return key
      ? json(bodies.get(key), request.method === 'POST' ? 201 : 200)
      : json({ error: { code: 'NotFound' } }, 404);
  };
  beforeAll(() => vi.stubGlobal('fetch', docGraph));
  afterAll(() => vi.unstubAllGlobals());

  it('the three filterByCurrentUser lists (PascalCase enums, a misspelt date field) into the popup list', async () => {
    bodies = new Map<string, unknown>([
      [MY_PIM_REQUESTS.eligibilities, eligibilityInstances.response],
      [MY_PIM_REQUESTS.actives, assignmentInstances.response],
      [MY_PIM_REQUESTS.pending, requestsPending.response],
      [MY_PIM_REQUESTS.scheduled, { value: [] }],
    ]);
    const data = await readMyPimData(client(), read);
    expect(data.unreadable).toEqual([]);
    const now = Date.parse('2023-01-01T00:00:00Z');
    expect(buildItems(data, now, (id) => `Unnamed ${id}`)).toEqual([
      {
        key: '2b5ed229-4072-478d-9504-a047ebd4b07d:member',
        groupId: '2b5ed229-4072-478d-9504-a047ebd4b07d',
        // The examples carry no `$expand=group`: the label with the id.
        groupName: 'Unnamed 2b5ed229-4072-478d-9504-a047ebd4b07d',
        accessId: 'member',
        eligible: true,
        eligibleUntilMs: Date.parse('2024-04-10T00:00:00Z'),
        // "Assigned" with no start or end: a permanent membership, as of now.
        active: { assignmentType: 'assigned', startMs: now, endMs: null },
      },
      {
        key: 'd5f0ad2e-6b34-401b-b6da-0c8fc2c5a3fc:member',
        groupId: 'd5f0ad2e-6b34-401b-b6da-0c8fc2c5a3fc',
        groupName: 'Unnamed d5f0ad2e-6b34-401b-b6da-0c8fc2c5a3fc',
        accessId: 'member',
        eligible: false,
        eligibleUntilMs: null,
        // `createdDateTIme` (sic) is not `createdDateTime`: the creation time is unknown, so now.
        pending: {
          requestId: '12345',
          createdMs: now,
          startMs: Date.parse('2022-04-01T08:00:00.000Z'),
          durationMinutes: 480,
          justification: 'Activate access',
        },
      },
    ]);
    expect(data.pending[0]).toMatchObject({ status: 'pendingapproval', action: 'selfactivate' });
  });

  it('the 201 of a selfActivate POST and a request read by id', async () => {
    bodies = new Map<string, unknown>([
      ['/identityGovernance/privilegedAccess/group/assignmentScheduleRequests', requestPost.response],
      [
        '/identityGovernance/privilegedAccess/group/assignmentScheduleRequests/34e963f6-150f-cf79-678c-6fcaf978bb49',
        requestGet.response,
      ],
    ]);
    const posted = await postScheduleRequest(
      client(),
      { accessId: 'member', principalId: 'p', groupId: 'g', action: 'selfActivate' },
      write,
    );
    expect(posted).toMatchObject({
      id: '6aacaee8-4089-4048-9510-3119367fc943',
      status: 'provisioned',
      action: 'selfactivate',
      accessId: 'member',
      groupId: '2b5ed229-4072-478d-9504-a047ebd4b07d',
      createdDateTime: Date.parse('2023-02-07T07:05:53.7895614Z'),
      scheduleInfo: { expiration: { type: 'afterduration', duration: 'PT2H' } },
    });
    const got = await readScheduleRequest(client(), '34e963f6-150f-cf79-678c-6fcaf978bb49', read);
    expect(got).toMatchObject({
      status: 'provisioned',
      action: 'adminassign',
      scheduleInfo: { expiration: { type: 'noexpiration', endDateTime: null, duration: null } },
    });
  });

  it('a $batch answer: items by id whatever their order, a failed item read as its error', async () => {
    const served = batchExample.response as { responses: Array<{ id: string }> };
    // Graph may answer out of order: serve the page's answer reversed.
    const reversed = { responses: [...served.responses].reverse() };
    const fetchBatch: typeof fetch = async () =>
      new Response(JSON.stringify(reversed), { status: 200, headers: { 'Content-Type': 'application/json' } });
    vi.stubGlobal('fetch', fetchBatch);
    try {
      const requests = ['1', '2', '3', '4', '5'].map((id) => ({ id, method: 'GET' as const, url: `/x/${id}` }));
      const replies = await batch(client(), requests, read);
      expect([...replies.values()].map((r) => [r.id, r.status])).toEqual([
        ['5', 200],
        ['4', 405],
        ['3', 403],
        ['2', 403],
        ['1', 200],
      ]);
      const third = replies.get('3');
      expect(failureFromBody(third?.status ?? 0, third?.body, third?.headers)).toEqual({
        status: 403,
        code: 'Authorization_RequestDenied',
        message: 'Insufficient privileges to complete the operation.',
      });
    } finally {
      vi.stubGlobal('fetch', docGraph);
    }
  });

  it("a group's owner policy with its 17 rules", async () => {
    const groupId = '7e526275-97a8-4dc6-932a-4db521cccf96';
    bodies = new Map([[policyUrl({ groupId, accessId: 'owner' }), policyAssignments.response]]);
    expect(await readRequirement(client(), { groupId, accessId: 'owner' }, read)).toEqual({
      maximumMinutes: 480,
      justification: true,
      ticket: false,
      mfa: false,
      approval: false,
    });
  });
});

// --- the emulator answers with the documented keys and types ---------------------------------

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Where the emulator's answer lacks a key of the example, or has another JSON type. A null on
 * either side matches any type (the examples show nullable properties once with a value, once
 * without). Array items are compared with the first item of the emulator's array.
 */
function shapeDiff(doc: Json, emu: Json, path = ''): string[] {
  if (doc === null || emu === null) return [];
  if (typeOf(doc) !== typeOf(emu)) return [`${path}: ${typeOf(doc)} in the docs, ${typeOf(emu)} from the emulator`];
  if (Array.isArray(doc)) {
    const [first] = doc;
    const [theirs] = emu as Json[];
    return first === undefined || theirs === undefined ? [] : shapeDiff(first, theirs, `${path}[0]`);
  }
  if (typeof doc !== 'object') return [];
  const other = emu as Record<string, Json>;
  return Object.entries(doc).flatMap(([key, value]) =>
    key in other ? shapeDiff(value, other[key] as Json, `${path}.${key}`) : [`${path}.${key}: missing`],
  );
}

/** Documented misprints (see each file's `note`): the key Graph really sends. */
const MISPRINTS: Record<string, string> = {
  createdDateTIme: 'createdDateTime',
  completedDateTIme: 'completedDateTime',
};
function corrected(doc: Json, entity = false): Json {
  if (Array.isArray(doc)) return doc.map((d) => corrected(d));
  if (doc === null || typeof doc !== 'object') return doc;
  const out = Object.entries(doc).map(([k, v]): [string, Json] => {
    // The POST example prints its $entity context URL under @odata.type.
    if (entity && k === '@odata.type' && typeof v === 'string' && v.includes('$metadata')) return ['@odata.context', v];
    return [MISPRINTS[k] ?? k, corrected(v)];
  });
  return Object.fromEntries(out);
}

it('the shape comparison reports a missing key and a different type', () => {
  expect(shapeDiff({ a: 1, b: { c: 'x' }, d: [{ e: true }], n: null }, { a: '1', b: {}, d: [{ e: 0 }], n: 5 })).toEqual(
    [
      '.a: number in the docs, string from the emulator',
      '.b.c: missing',
      '.d[0].e: boolean in the docs, number from the emulator',
    ],
  );
});

describe("the emulator's answers have the documented keys and types", () => {
  let emu: Emulator;
  let token: string;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await emuFetch(emu, `${GRAPH}/v1.0${path}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
      ...(body ? { body } : {}),
    });
    return res.json<Json>();
  };
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, scenario: 'demo' });
    token = await mintToken(emu, { userId: ADELE, scopes: ALL_SCOPES, mfa: true });
  });
  afterAll(() => emu?.close());

  const listCase = (example: Example, path: string) => async () => {
    const answer = (await call('GET', path)) as { value: Json[] };
    const [docItem] = (corrected(example.response as Json) as { value: Json[] }).value;
    // The first emulator item that fits the documented shape; none fitting shows the first's differences.
    const fits = answer.value.find((item) => shapeDiff(docItem as Json, item).length === 0);
    expect(fits ? [] : shapeDiff(docItem as Json, answer.value[0] ?? {}), example.source).toEqual([]);
    expect(shapeDiff({ ...(corrected(example.response as Json) as object), value: [] }, answer)).toEqual([]);
  };

  it('eligibilityScheduleInstances/filterByCurrentUser', listCase(eligibilityInstances, MY_PIM_REQUESTS.eligibilities));
  it('assignmentScheduleInstances/filterByCurrentUser', listCase(assignmentInstances, MY_PIM_REQUESTS.actives));
  it('assignmentScheduleRequests/filterByCurrentUser (pending)', listCase(requestsPending, MY_PIM_REQUESTS.pending));
  it(
    'roleManagementPolicyAssignments with policy($expand=rules)',
    listCase(policyAssignments, policyUrl({ groupId: DEVOPS, accessId: 'owner' })),
  );

  it('$batch: each item has id, status, headers with Content-Type, and a body; a failed one the error envelope', async () => {
    const answer = (await call('POST', '/$batch', {
      requests: [
        { id: 'ok', method: 'GET', url: MY_PIM_REQUESTS.eligibilities },
        { id: 'bad', method: 'GET', url: '/identityGovernance/privilegedAccess/group/nothingHere' },
      ],
    })) as { responses: Json[] };
    const [docOk, docFailed] = (batchExample.response as unknown as { responses: Array<Record<string, Json>> })
      .responses;
    const item = (d: Record<string, Json> | undefined) => ({
      id: d?.id ?? null,
      status: d?.status ?? null,
      headers: { 'Content-Type': 'application/json' },
      body: {},
    });
    const [ok, failed] = answer.responses as Array<Record<string, Json>>;
    expect(shapeDiff(item(docOk), ok ?? {})).toEqual([]);
    expect(shapeDiff({ ...item(docFailed), body: docFailed?.body ?? null }, failed ?? {}), batchExample.source).toEqual(
      [],
    );
    expect(failed?.status).toBe(400);
  });

  it('POST …/assignmentScheduleRequests/{id}/cancel: 204 No Content, no body (privilegedaccessgroupassignmentschedulerequest-cancel)', async () => {
    const pending = (await call('GET', MY_PIM_REQUESTS.pending)) as { value: Array<{ id: string }> };
    const id = pending.value[0]?.id ?? '';
    const res = await emuFetch(
      emu,
      `${GRAPH}/v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleRequests/${id}/cancel`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect([res.status, res.text()]).toEqual([204, '']);
  });

  it('POST assignmentScheduleRequests (selfActivate) and GET it by id', async () => {
    const posted = await call('POST', '/identityGovernance/privilegedAccess/group/assignmentScheduleRequests', {
      accessId: 'member',
      principalId: ADELE,
      groupId: SQL_ADMINS,
      action: 'selfActivate',
      justification: 'Doc example',
      scheduleInfo: {
        startDateTime: new Date(emu.clock.now()).toISOString(),
        expiration: { type: 'afterDuration', duration: 'PT2H' },
      },
    });
    expect(shapeDiff(corrected(requestPost.response as Json, true), posted), requestPost.source).toEqual([]);
    const id = (posted as { id: string }).id;
    const got = await call('GET', `/identityGovernance/privilegedAccess/group/assignmentScheduleRequests/${id}`);
    expect(shapeDiff(corrected(requestGet.response as Json, true), got), requestGet.source).toEqual([]);
  });
});

describe('both enum casings', () => {
  it('reads the emulator in PascalCase (Direct, Activated, SelfActivate, AfterDuration) as in camelCase', async () => {
    const lists = [];
    for (const enumCasing of ['camel', 'pascal'] as const) {
      const emu = await startEmulator({
        port: 0,
        scenario: 'demo',
        createGraph: (s, c) => createGraphService(s, c, { enumCasing }),
      });
      try {
        vi.stubGlobal('fetch', emulatorFetch(emu));
        const token = await mintToken(emu, { userId: ADELE, scopes: ALL_SCOPES });
        const real = createGraphClient({ graphHost: GRAPH, getToken: async () => ({ token, viaWindow: false }) });
        const data = await readMyPimData(real, read);
        expect(data.unreadable).toEqual([]);
        // Times differ by the moment each emulator started; what the casing could change is the rest.
        const items = buildItems(data, emu.clock.now());
        lists.push(
          items.map((i) => ({
            key: i.key,
            active: i.active && { type: i.active.assignmentType, permanent: i.active.endMs === null },
            pending: i.pending?.durationMinutes,
          })),
        );
      } finally {
        vi.unstubAllGlobals();
        await emu.close();
      }
    }
    expect(lists[1]).toEqual(lists[0]);
    expect(lists[0]?.some((i) => i.active?.type === 'activated')).toBe(true);
  });
});
