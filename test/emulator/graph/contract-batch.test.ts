/** POST /$batch over HTTPS: limit, relative URLs, per-item status, dependsOn and 424, Content-Type. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Https, startHttps } from './https-helpers.ts';
import { activation, B, G } from './test-helpers.ts';

type Item = { id: string; status: number; headers: Record<string, string>; body?: Record<string, unknown> };
let h: Https;
beforeAll(async () => {
  h = await startHttps();
});
afterAll(() => h.close());

const batch = (requests: unknown[], version = 'v1.0') => h.call('POST', `/${version}/$batch`, { body: { requests } });

describe('$batch', () => {
  it('runs each request with its own status, URLs with or without a leading slash, in request order', async () => {
    const res = await batch([
      {
        id: '1',
        method: 'GET',
        url: `${B.slice(1)}/eligibilityScheduleInstances/filterByCurrentUser(on='principal')?$top=2`,
      },
      { id: '2', method: 'GET', url: '/me?$select=displayName' },
      { id: '3', method: 'GET', url: `${B}/eligibilitySchedules` },
      {
        id: '4',
        method: 'GET',
        url: `/policies/roleManagementPolicyAssignments?$filter=scopeId eq '${G.sqlAdmins}' and scopeType eq 'Group'`,
      },
    ]);
    expect(res.status).toBe(200);
    const items = res.json<{ responses: Item[] }>().responses;
    expect(items.map((i) => [i.id, i.status])).toEqual([
      ['1', 200],
      ['2', 200],
      ['3', 400],
      ['4', 200],
    ]);
    expect(items[0]?.body?.value).toHaveLength(2);
    expect(items[0]?.body?.['@odata.nextLink']).toMatch(/^https:\/\/graph\.microsoft\.com\/v1\.0\//);
    expect(items[0]?.headers['Content-Type']).toMatch(/^application\/json/);
    expect(items[2]?.body?.error).toMatchObject({ code: 'BadRequest' });
  });

  it('POST items need a Content-Type header; with it they run (201)', async () => {
    const without = await batch([
      { id: 'a', method: 'POST', url: `${B}/assignmentScheduleRequests`, body: activation(G.sqlAdmins) },
    ]);
    expect(without.status).toBe(400);
    const ok = await batch([
      {
        id: 'a',
        method: 'POST',
        url: `${B}/assignmentScheduleRequests`,
        body: activation(G.sqlAdmins),
        headers: { 'Content-Type': 'application/json' },
      },
    ]);
    expect(ok.json<{ responses: Item[] }>().responses[0]).toMatchObject({
      id: 'a',
      status: 201,
      body: { status: 'Provisioned' },
    });
  });

  it('dependsOn: runs after its dependency; a failed dependency gives 424', async () => {
    const post = (id: string, groupId: string, dependsOn?: string[]) => ({
      id,
      method: 'POST',
      url: `${B}/assignmentScheduleRequests`,
      body: activation(groupId),
      headers: { 'Content-Type': 'application/json' },
      ...(dependsOn ? { dependsOn } : {}),
    });
    const res = await batch([
      post('x', G.vpn),
      post('y', G.helpdesk, ['x']),
      post('z', G.support, ['w']),
      post('w', G.falcon),
    ]);
    const items = res.json<{ responses: Item[] }>().responses;
    expect(items.map((i) => [i.id, i.status])).toEqual([
      ['x', 400],
      ['y', 424],
      ['z', 201],
      ['w', 201],
    ]);
    expect(items[1]?.body?.error).toMatchObject({
      code: 'FailedDependency',
      innerError: { 'request-id': expect.any(String) },
    });
    expect((await h.call('GET', '/v1.0/$batch')).status).toBe(405);
  });

  it('rejects more than 20 requests, duplicate ids, unknown dependsOn, cycles and absolute URLs', async () => {
    const me = (id: string) => ({ id, method: 'GET', url: '/me' });
    expect((await batch(Array.from({ length: 20 }, (_, i) => me(String(i))))).status).toBe(200);
    const over = await batch(Array.from({ length: 21 }, (_, i) => me(String(i))));
    expect([over.status, over.json<{ error: { code: string } }>().error.code]).toEqual([400, 'BadRequest']);
    expect((await batch([me('1'), me('1')])).status).toBe(400);
    expect((await batch([{ ...me('1'), dependsOn: ['9'] }])).status).toBe(400);
    expect(
      (
        await batch([
          { ...me('1'), dependsOn: ['2'] },
          { ...me('2'), dependsOn: ['1'] },
        ])
      ).status,
    ).toBe(400);
    expect((await batch([])).status).toBe(400);
    const abs = await batch([{ id: '1', method: 'GET', url: 'https://graph.microsoft.com/v1.0/me' }]);
    expect(abs.json<{ responses: Item[] }>().responses[0]?.status).toBe(400);
  });

  it('works on beta too (approvals use steps there)', async () => {
    const res = await batch(
      [{ id: '1', method: 'GET', url: `${B}/assignmentApprovals/filterByCurrentUser(on='target')` }],
      'beta',
    );
    const [item] = res.json<{ responses: Item[] }>().responses;
    const [approval] = (item?.body?.value ?? []) as Array<Record<string, unknown>>;
    expect(approval).toHaveProperty('steps');
  });
});
