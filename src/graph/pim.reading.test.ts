// What the extension makes of answers real Graph may legitimately send (issue 17): one bad item
// costs that item, not the list; enum values Graph adds later are not fatal; policies are picked
// by scope and role, not taken first; a refused or null `$expand=group` still gives a readable list.
// A scripted Graph answers each URL; every request the reader makes is recorded and asserted.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GraphCallOptions } from './call-options.ts';
import { createGraphClient } from './client.ts';
import { GraphRequestError } from './errors.ts';
import {
  MY_PIM_REQUESTS,
  MY_PIM_REQUESTS_WITHOUT_NAMES,
  policyUrl,
  readMyPimData,
  readRequirement,
  readRequirements,
} from './pim.ts';
import { buildItems } from './snapshot.ts';

const GRAPH = 'https://graph.microsoft.com';
const read = new GraphCallOptions(['PrivilegedEligibilitySchedule.Read.AzureADGroup'], false);
const client = () =>
  createGraphClient({ graphHost: GRAPH, getToken: async () => ({ token: 'token', viaWindow: false }) });
const NOW = Date.parse('2026-06-01T12:00:00Z');
const G1 = '1f4a7c2e-3b5d-4e6f-8a9b-0c1d2e3f4a01';
const G2 = 'a2cd6f1b-c4d6-47f8-b384-9f0a1b2c3d10';
const G3 = '5d8e1a6c-7f91-42a3-8e3f-4a5b6c7d8e05';

interface Reply {
  status: number;
  body: unknown;
}
/** Relative URL (as the reader writes it) → reply. Unknown URLs answer 404. */
let routes: Map<string, Reply>;
let asked: string[];

const ok = (value: unknown[]): Reply => ({ status: 200, body: { value } });
const forbidden: Reply = {
  status: 403,
  body: {
    error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
  },
};

const fakeGraph: typeof fetch = async (input, init) => {
  const request = input instanceof Request ? input : new Request(input, init);
  const url = new URL(request.url);
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const answer = (relative: string): Reply => {
    asked.push(relative);
    return routes.get(relative) ?? { status: 404, body: { error: { code: 'NotFound', message: relative } } };
  };
  if (url.pathname === '/v1.0/$batch') {
    const body = JSON.parse(await request.text()) as { requests: { id: string; url: string }[] };
    return json({
      responses: body.requests.map(({ id, url: relative }) => ({ id, headers: {}, ...answer(relative) })),
    });
  }
  // The SDK encodes what the reader wrote; compare decoded forms.
  const relative = decodeURIComponent(`${url.pathname.replace(/^\/v1\.0/, '')}${url.search}`);
  const known = [...routes.keys()].find((k) => decodeURIComponent(k) === relative) ?? relative;
  const reply = answer(known);
  return json(reply.body, reply.status);
};

const instance = (groupId: string, accessId: string, extra: Record<string, unknown> = {}) => ({
  id: `${groupId}-${accessId}-1-e`,
  groupId,
  accessId,
  startDateTime: '2026-01-01T00:00:00Z',
  endDateTime: null,
  ...extra,
});

beforeAll(() => vi.stubGlobal('fetch', fakeGraph));
afterAll(() => vi.unstubAllGlobals());
beforeEach(() => {
  asked = [];
  routes = new Map([
    [MY_PIM_REQUESTS.eligibilities, ok([])],
    [MY_PIM_REQUESTS.actives, ok([])],
    [MY_PIM_REQUESTS.pending, ok([])],
    [MY_PIM_REQUESTS.scheduled, ok([])],
  ]);
});

describe('list reading: the first pages first (issue 19)', () => {
  const named = (groupId: string, name: string) =>
    instance(groupId, 'member', { group: { id: groupId, displayName: name } });

  it("hands over the batch's first pages before any further page is asked, then reads the rest", async () => {
    routes.set(MY_PIM_REQUESTS.eligibilities, {
      status: 200,
      body: { value: [named(G1, 'SG-One'), { id: 'bad' }], '@odata.nextLink': `${GRAPH}/v1.0/next/eligibilities` },
    });
    routes.set('/next/eligibilities', ok([named(G2, 'SG-Two'), named(G3, 'SG-Three')]));
    const seen: { groups: string[]; unreadable: string[]; askedBefore: string[] }[] = [];
    const data = await readMyPimData(client(), read, async (first) => {
      seen.push({
        groups: first.eligibilities.map((e) => e.groupId),
        unreadable: first.unreadable.map((r) => r.split(':')[0] ?? ''),
        askedBefore: [...asked],
      });
    });
    expect(seen).toEqual([
      {
        groups: [G1],
        unreadable: ['eligibilities[1]'],
        askedBefore: [
          MY_PIM_REQUESTS.eligibilities,
          MY_PIM_REQUESTS.actives,
          MY_PIM_REQUESTS.pending,
          MY_PIM_REQUESTS.scheduled,
        ],
      },
    ]);
    expect(data.eligibilities.map((e) => e.groupId)).toEqual([G1, G2, G3]);
    expect(data.unreadable.map((r) => r.split(':')[0])).toEqual(['eligibilities[1]']);
    expect(asked).toEqual([
      MY_PIM_REQUESTS.eligibilities,
      MY_PIM_REQUESTS.actives,
      MY_PIM_REQUESTS.pending,
      MY_PIM_REQUESTS.scheduled,
      '/next/eligibilities',
    ]);
  });

  it('says nothing early when the first pages are the whole list', async () => {
    routes.set(MY_PIM_REQUESTS.eligibilities, ok([named(G1, 'SG-One')]));
    const firstPages = vi.fn(async () => undefined);
    const data = await readMyPimData(client(), read, firstPages);
    expect(firstPages).not.toHaveBeenCalled();
    expect(data.eligibilities.map((e) => e.groupId)).toEqual([G1]);
  });

  it('a later page that fails fails the read, after the first pages were handed over', async () => {
    routes.set(MY_PIM_REQUESTS.actives, {
      status: 200,
      body: { value: [], '@odata.nextLink': `${GRAPH}/v1.0/next/actives` },
    });
    routes.set('/next/actives', { status: 200, body: { value: 'nothing' } });
    const firstPages = vi.fn(async () => undefined);
    const error = await readMyPimData(client(), read, firstPages).catch((e: unknown) => e);
    expect(firstPages).toHaveBeenCalledTimes(1);
    expect((error as GraphRequestError).failure).toMatchObject({ kind: 'malformed' });
  });
});

describe('list reading: partial answers', () => {
  it('skips an item that fails validation with its reason, and keeps the rest', async () => {
    routes.set(
      MY_PIM_REQUESTS.eligibilities,
      ok([
        instance(G1, 'member', { group: { id: G1, displayName: 'SG-One' } }),
        { id: 'x', accessId: 'member' }, // no groupId
        instance(G2, 'member', { startDateTime: 'not a date' }),
        instance(G3, 'owner', { group: { id: G3, displayName: 'SG-Three' } }),
      ]),
    );
    const data = await readMyPimData(client(), read);
    expect(data.eligibilities.map((e) => `${e.groupId}:${e.accessId}`)).toEqual([`${G1}:member`, `${G3}:owner`]);
    expect(data.unreadable).toEqual([
      'eligibilities[1]: groupId: expected "groupId", got undefined',
      'eligibilities[2]: startDateTime: check',
    ]);
  });

  it('skips an item whose group id is not a GUID (a blank one would make a blank row no request could carry)', async () => {
    routes.set(
      MY_PIM_REQUESTS.eligibilities,
      ok([instance(G1, 'member'), instance(' ', 'member'), instance('SG-Three', 'owner')]),
    );
    const data = await readMyPimData(client(), read);
    expect(data.eligibilities.map((e) => `${e.groupId}:${e.accessId}`)).toEqual([`${G1}:member`]);
    expect(data.unreadable).toEqual(['eligibilities[1]: groupId: check', 'eligibilities[2]: groupId: check']);
  });

  it('counts items across pages, and a page that is not a page still fails the read', async () => {
    routes.set(MY_PIM_REQUESTS.actives, {
      status: 200,
      body: { value: [{ id: 1 }], '@odata.nextLink': `${GRAPH}/v1.0/next/actives` },
    });
    routes.set('/next/actives', ok([{ id: 2 }, instance(G1, 'member', { assignmentType: 'activated' })]));
    const data = await readMyPimData(client(), read);
    expect(data.actives.map((a) => a.groupId)).toEqual([G1]);
    expect(data.unreadable.map((r) => r.split(':')[0])).toEqual(['actives[0]', 'actives[1]']);

    routes.set(MY_PIM_REQUESTS.pending, { status: 200, body: { value: 'nothing' } });
    const error = await readMyPimData(client(), read).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphRequestError);
    expect((error as GraphRequestError).failure).toMatchObject({ kind: 'malformed' });
  });
});

describe('list reading: the link to the next page', () => {
  it.each([
    ['a relative link', '$'],
    ['an empty link', ''],
    ['another host', 'https://graph.example.com/v1.0/next/actives'],
    ['plain http', 'http://graph.microsoft.com/v1.0/next/actives'],
  ])('refuses %s as malformed, and follows it nowhere', async (_, link) => {
    for (const url of Object.values(MY_PIM_REQUESTS)) routes.set(url, ok([]));
    routes.set(MY_PIM_REQUESTS.actives, { status: 200, body: { value: [], '@odata.nextLink': link } });
    const error = await readMyPimData(client(), read).catch((e: unknown) => e);
    expect((error as GraphRequestError).failure).toMatchObject({ kind: 'malformed' });
    // The one $batch of the four lists, and nothing after it.
    expect(asked).toEqual(Object.values(MY_PIM_REQUESTS));
  });

  it('follows a link on any Microsoft Graph host', async () => {
    routes.set(MY_PIM_REQUESTS.actives, {
      status: 200,
      body: { value: [], '@odata.nextLink': `${GRAPH}/v1.0/next/actives` },
    });
    routes.set('/next/actives', ok([instance(G1, 'member', { assignmentType: 'activated' })]));
    const data = await readMyPimData(client(), read);
    expect(data.actives.map((a) => a.groupId)).toEqual([G1]);
  });
});

describe('list reading: enum values Graph may add', () => {
  it('leaves out an unknown accessId (unknownFutureValue) with a reason, never failing the list', async () => {
    routes.set(MY_PIM_REQUESTS.eligibilities, ok([instance(G1, 'unknownFutureValue'), instance(G2, 'Member')]));
    const data = await readMyPimData(client(), read);
    expect(data.eligibilities.map((e) => e.accessId)).toEqual(['member']);
    expect(data.unreadable).toEqual(['eligibilities[0]: accessId: not member or owner']);
  });

  it('keeps unknown status, action and assignmentType values as they came (lower-cased)', async () => {
    routes.set(
      MY_PIM_REQUESTS.actives,
      ok([instance(G1, 'owner', { assignmentType: 'unknownFutureValue', memberType: 'unknownFutureValue' })]),
    );
    routes.set(
      MY_PIM_REQUESTS.scheduled,
      ok([
        {
          id: 'r1',
          status: 'unknownFutureValue',
          action: 'UnknownFutureValue',
          groupId: G2,
          accessId: 'member',
          scheduleInfo: {
            startDateTime: '2026-06-02T08:00:00Z',
            expiration: { type: 'AfterDuration', duration: 'PT1H' },
          },
        },
      ]),
    );
    const data = await readMyPimData(client(), read);
    expect(data.unreadable).toEqual([]);
    expect(data.actives[0]?.assignmentType).toBe('unknownfuturevalue');
    expect(data.scheduled[0]).toMatchObject({ status: 'unknownfuturevalue', action: 'unknownfuturevalue' });
    // An assignment of an unknown type is shown as an activation (it has an end to count down to, or none).
    expect(buildItems(data, NOW).find((i) => i.groupId === G1)?.active?.assignmentType).toBe('activated');
  });
});

describe('group names', () => {
  it('labels a group Graph sent no name for (null, missing or blank), with its id', async () => {
    routes.set(
      MY_PIM_REQUESTS.eligibilities,
      ok([
        instance(G1, 'member', { group: null }),
        instance(G2, 'member'),
        instance(G3, 'member', { group: { id: G3, displayName: '  ' } }),
        instance(G3, 'owner', { group: { id: G3, displayName: 'SG-Three' } }),
      ]),
    );
    const items = buildItems(await readMyPimData(client(), read), NOW, (id) => `Unnamed (${id})`);
    expect(items.map((i) => `${i.key} ${i.groupName}`)).toEqual([
      `${G1}:member Unnamed (${G1})`,
      `${G2}:member Unnamed (${G2})`,
      // The owner eligibility carried the name: the member item of the same group takes it too.
      `${G3}:member SG-Three`,
      `${G3}:owner SG-Three`,
    ]);
  });

  it('asks again without $expand=group when Graph refuses the expansion with 403', async () => {
    routes.set(MY_PIM_REQUESTS.eligibilities, forbidden);
    routes.set(MY_PIM_REQUESTS.actives, forbidden);
    routes.set(MY_PIM_REQUESTS_WITHOUT_NAMES.eligibilities, ok([instance(G1, 'member')]));
    routes.set(MY_PIM_REQUESTS_WITHOUT_NAMES.actives, ok([instance(G2, 'owner', { assignmentType: 'Activated' })]));
    const data = await readMyPimData(client(), read);
    expect(asked).toEqual([
      MY_PIM_REQUESTS.eligibilities,
      MY_PIM_REQUESTS.actives,
      MY_PIM_REQUESTS.pending,
      MY_PIM_REQUESTS.scheduled,
      MY_PIM_REQUESTS_WITHOUT_NAMES.eligibilities,
      MY_PIM_REQUESTS_WITHOUT_NAMES.actives,
    ]);
    expect(MY_PIM_REQUESTS_WITHOUT_NAMES.eligibilities).not.toContain('$expand');
    const items = buildItems(data, NOW, (id) => `Unnamed (${id})`);
    expect(items.map((i) => i.groupName)).toEqual([`Unnamed (${G1})`, `Unnamed (${G2})`]);
  });

  it('does not retry a 403 of a list without $expand (the scope itself is missing)', async () => {
    routes.set(MY_PIM_REQUESTS.pending, forbidden);
    const error = await readMyPimData(client(), read).catch((e: unknown) => e);
    expect((error as GraphRequestError).failure).toMatchObject({ status: 403, code: 'Authorization_RequestDenied' });
    // The failed batch item is asked once more on its own (where Retry-After would be honoured), then given up.
    expect(asked.filter((u) => u === MY_PIM_REQUESTS.pending)).toHaveLength(2);
  });
});

// --- policies ------------------------------------------------------------------------------------

const rules = (maximumDuration: string, enabledRules: string[] | null, approval: boolean | null) => [
  { id: 'Expiration_EndUser_Assignment', isExpirationRequired: true, maximumDuration },
  { id: 'Enablement_EndUser_Assignment', enabledRules },
  { id: 'Approval_EndUser_Assignment', setting: approval === null ? null : { isApprovalRequired: approval } },
  { id: 'AuthenticationContext_EndUser_Assignment', isEnabled: null, claimValue: null },
];
const assignment = (scopeId: string, roleDefinitionId: string, policyRules: unknown) => ({
  id: `Group_${scopeId}_p_${roleDefinitionId}`,
  scopeId,
  scopeType: 'Group',
  roleDefinitionId,
  policy: { id: `Group_${scopeId}_p`, rules: policyRules },
});
const policyPath = (groupId: string, accessId: 'member' | 'owner') => policyUrl({ groupId, accessId });

describe('policies', () => {
  it('picks the policy of the asked scope and role, whatever order Graph answers in', async () => {
    const both = ok([
      assignment(G1, 'member', rules('PT8H', [], false)),
      assignment(G1, 'Owner', rules('PT2H', ['Justification', 'Ticketing'], true)),
    ]);
    routes.set(policyPath(G1, 'owner'), both);
    routes.set(policyPath(G1, 'member'), both);
    const found = await readRequirements(
      client(),
      [
        { groupId: G1, accessId: 'owner' },
        { groupId: G1, accessId: 'member' },
      ],
      read,
    );
    expect(found.get(`${G1}:owner`)).toEqual({
      maximumMinutes: 120,
      justification: true,
      ticket: true,
      mfa: false,
      approval: true,
    });
    expect(found.get(`${G1}:member`)).toEqual({
      maximumMinutes: 480,
      justification: false,
      ticket: false,
      mfa: false,
      approval: false,
    });
  });

  it('skips an assignment it cannot read when the asked one is there', async () => {
    routes.set(
      policyPath(G3, 'owner'),
      ok([{ id: 'x', scopeId: null, roleDefinitionId: 'member' }, assignment(G3, 'owner', rules('PT3H', [], false))]),
    );
    expect((await readRequirement(client(), { groupId: G3, accessId: 'owner' }, read)).maximumMinutes).toBe(180);
  });

  it('reads null rule fields (enabledRules, setting, isEnabled, claimValue) as absent', async () => {
    routes.set(policyPath(G2, 'member'), ok([assignment(G2, 'member', rules('PT4H', null, null))]));
    expect(await readRequirement(client(), { groupId: G2, accessId: 'member' }, read)).toEqual({
      maximumMinutes: 240,
      justification: false,
      ticket: false,
      mfa: false,
      approval: false,
    });
  });

  it('refuses an answer without the asked policy, or with its rules null, as malformed (not "nothing required")', async () => {
    routes.set(policyPath(G2, 'owner'), ok([assignment(G2, 'member', rules('PT4H', [], false))]));
    routes.set(policyPath(G3, 'member'), ok([assignment(G3, 'member', null)]));
    // No policy at all for the group (a deleted group looks like this): a not-found, explained as such.
    routes.set(policyPath(G1, 'owner'), ok([]));
    const none = await readRequirement(client(), { groupId: G1, accessId: 'owner' }, read).catch((e: unknown) => e);
    expect((none as GraphRequestError).failure).toEqual({
      status: 404,
      code: 'RoleManagementPolicyNotFound',
      message: 'No owner policy assignment exists for this group.',
    });
    for (const key of [
      { groupId: G2, accessId: 'owner' as const },
      { groupId: G3, accessId: 'member' as const },
    ]) {
      const error = await readRequirement(client(), key, read).catch((e: unknown) => e);
      expect((error as GraphRequestError).failure).toEqual({
        kind: 'malformed',
        detail: `policy: no ${key.accessId} policy with its rules among 1 answered`,
      });
    }
    // In a batch, such a policy is left out and the others are kept.
    routes.set(policyPath(G1, 'member'), ok([assignment(G1, 'member', rules('PT1H', [], false))]));
    const found = await readRequirements(
      client(),
      [
        { groupId: G2, accessId: 'owner' },
        { groupId: G1, accessId: 'member' },
      ],
      read,
    );
    expect([...found.keys()]).toEqual([`${G1}:member`]);
  });
});
