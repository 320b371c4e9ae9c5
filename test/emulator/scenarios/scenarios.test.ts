/** Scenario loading, validation errors, the generated large scenario and relative times. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGraphService } from '../graph/index.ts';
import { ADELE, B, claims, fixedClock } from '../graph/test-helpers.ts';
import { formatDuration, loadScenario, parseDuration, resolveTime, ScenarioError, SURPRISES } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
const write = (name: string, data: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data));
  return p;
};

describe('demo', () => {
  const demo = loadScenario('demo');
  it('has the fixed tenant, clients and users', () => {
    expect(demo.tenant).toMatchObject({
      id: '7f3c2a10-4b6e-4d8a-9c1f-2e5d8b9a0c11',
      domain: 'contoso-demo.onmicrosoft.com',
    });
    expect(demo.clients.map((c) => c.clientId)).toEqual([
      '3b8e6f2a-91c4-4a57-b0d2-6c1e9f4a7d35',
      '9d1f0c6e-2b7a-4e3f-8c5d-1a2b3c4d5e6f',
    ]);
    expect(demo.clients[0]?.consentedScopes).toEqual(
      expect.arrayContaining([
        'User.Read',
        'PrivilegedEligibilitySchedule.Read.AzureADGroup',
        'PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup',
        'RoleManagementPolicy.Read.AzureADGroup',
      ]),
    );
    expect(demo.clients[1]?.consentedScopes).toEqual([]);
    expect(demo.users.map((u) => u.displayName)).toEqual([
      'Adele Vance',
      'Alex Wilber',
      'Megan Bowen',
      'Dana Guest (Fabrikam)',
    ]);
    expect(demo.users[0]).toMatchObject({ id: ADELE, authContexts: ['c1'] });
  });
  it('covers every policy combination', () => {
    const p = demo.policies;
    expect(p.some((x) => x.enabledRules?.length === 0)).toBe(true);
    expect(p.some((x) => x.enabledRules?.includes('Ticketing'))).toBe(true);
    expect(p.some((x) => x.enabledRules?.includes('MultiFactorAuthentication') && !x.authenticationContext)).toBe(true);
    expect(p.some((x) => x.authenticationContext === 'c1')).toBe(true);
    expect(p.some((x) => x.approvalRequired)).toBe(true);
    expect(p.map((x) => x.maximumDuration)).toEqual(expect.arrayContaining(['PT1H', 'PT24H']));
    const onboarded = new Set(p.map((x) => x.groupId));
    expect(demo.groups.some((g) => !onboarded.has(g.id))).toBe(true);
    expect(demo.requests?.[0]?.status).toBe('PendingApproval');
  });
});

describe('large', () => {
  it('has 1,000 eligible groups for the demo user, identical on every load', async () => {
    const a = loadScenario('large');
    const b = loadScenario('large');
    expect(a.eligibilities.filter((e) => e.principalId === ADELE)).toHaveLength(1000);
    expect(a.groups.map((g) => g.id)).toEqual(b.groups.map((g) => g.id));
    expect(new Set(a.policies.map((x) => x.maximumDuration)).size).toBeGreaterThan(3);
    const svc = createGraphService(a, fixedClock());
    const res = await svc.handle({
      method: 'GET',
      version: 'v1.0',
      path: `${B}/eligibilityScheduleInstances/filterByCurrentUser(on='principal')`,
      query: new URLSearchParams(),
      headers: {},
      body: undefined,
      token: claims(ADELE),
      baseUrl: 'https://graph.microsoft.com/v1.0',
    });
    // The server's page of 100 (the emulator's `pageSize`): ten pages for the 1,000.
    expect((res.body as { value: unknown[] }).value).toHaveLength(100);
  });
});

describe('hundreds and surprises', () => {
  it('hundreds: 300 eligible groups for the demo user, identical on every load', () => {
    const a = loadScenario('hundreds');
    expect(a.name).toBe('hundreds');
    expect(a.eligibilities.filter((e) => e.principalId === ADELE)).toHaveLength(300);
    expect(a.groups.map((g) => g.id)).toEqual(loadScenario('hundreds').groups.map((g) => g.id));
  });

  it('surprises: the demo unchanged, plus one deleted group and one Granted request', () => {
    const demo = loadScenario('demo');
    const s = loadScenario('surprises');
    expect(s.groups.slice(0, demo.groups.length)).toEqual(demo.groups);
    expect(s.groups.slice(demo.groups.length)).toEqual([{ ...SURPRISES.deletedGroup, deleted: true }]);
    expect(s.users).toEqual(demo.users);
    expect(s.requests?.map((r) => [r.groupId, r.status])).toEqual([
      ...(demo.requests ?? []).map((r) => [r.groupId, r.status]),
      [SURPRISES.scheduledGroupId, 'Granted'],
    ]);
  });
});

describe('files and errors', () => {
  it('loads a valid file by path', () => {
    const s = { ...loadScenario('demo'), name: 'copy' };
    expect(loadScenario(write('ok.json', s)).name).toBe('copy');
  });
  it.each([
    ['not JSON', '{nope', /not valid JSON/],
    [
      'missing tenant',
      { name: 'x', clients: [], users: [], groups: [], policies: [], eligibilities: [], assignments: [] },
      /tenant/,
    ],
    [
      'bad GUID',
      { ...loadScenario('demo'), groups: [{ id: 'abc', displayName: 'x' }] },
      /groups\.0\.id: must be a GUID/,
    ],
    [
      'bad time',
      {
        ...loadScenario('demo'),
        eligibilities: [
          {
            principalId: ADELE,
            groupId: loadScenario('demo').groups[0]?.id,
            accessId: 'member',
            endDateTime: 'tomorrow',
          },
        ],
      },
      /eligibilities\.0\.endDateTime/,
    ],
    [
      'unknown group reference',
      {
        ...loadScenario('demo'),
        eligibilities: [{ principalId: ADELE, groupId: '00000000-0000-4000-8000-000000000000', accessId: 'member' }],
      },
      /unknown group/,
    ],
    ['unknown property', { ...loadScenario('demo'), extra: 1 }, /extra/],
    [
      'Granted without a future start',
      {
        ...loadScenario('demo'),
        requests: [
          {
            principalId: ADELE,
            groupId: loadScenario('demo').groups[0]?.id,
            accessId: 'member',
            status: 'Granted',
            startDateTime: '-PT1H',
          },
        ],
      },
      /requests\[0\]: a Granted request needs a startDateTime in the future/,
    ],
    [
      'a request for a deleted group',
      {
        ...loadScenario('surprises'),
        requests: [
          {
            principalId: ADELE,
            groupId: SURPRISES.deletedGroup.id,
            accessId: 'member',
            status: 'Granted',
            startDateTime: '+PT1H',
          },
        ],
      },
      /requests\[0\]: the group is deleted/,
    ],
  ])('%s → ScenarioError', (_name, data, pattern) => {
    const p = write(`${_name.replaceAll(' ', '-')}.json`, data);
    expect(() => loadScenario(p)).toThrow(ScenarioError);
    expect(() => loadScenario(p)).toThrow(pattern);
  });
  it('unknown names and missing files', () => {
    expect(() => loadScenario('huge')).toThrow(/unknown scenario name/);
    expect(() => loadScenario(join(dir, 'missing.json'))).toThrow(/cannot read file/);
  });
});

describe('times', () => {
  it('resolves relative offsets against the start and ISO strings as they are', () => {
    const start = Date.parse('2026-03-02T09:00:00Z');
    expect(resolveTime('-PT2H', start)).toBe(start - 7_200_000);
    expect(resolveTime('+P1D', start)).toBe(start + 86_400_000);
    expect(resolveTime('+P1DT30M', start)).toBe(start + 86_400_000 + 1_800_000);
    expect(resolveTime('2026-01-01T00:00:00Z', start)).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(() => resolveTime('soon', start)).toThrow();
  });
  it('parses and formats durations', () => {
    expect(parseDuration('PT8H')).toBe(8 * 3_600_000);
    expect(parseDuration('P1W')).toBe(7 * 86_400_000);
    expect(parseDuration('PT')).toBeNull();
    expect(parseDuration('8h')).toBeNull();
    expect(formatDuration(90 * 60_000)).toBe('PT1H30M');
    expect(formatDuration(86_400_000)).toBe('P1D');
  });
  it('the graph service resolves scenario times at creation, against the clock', async () => {
    const clock = fixedClock(Date.parse('2030-05-05T12:00:00Z'));
    const svc = createGraphService(loadScenario('demo'), clock);
    const snap = svc.snapshot() as {
      assignmentSchedules: Array<{ scheduleInfo: { startDateTime: string }; assignmentType: string; groupId: string }>;
    };
    const aks = snap.assignmentSchedules.find((s) => s.assignmentType === 'activated');
    expect(aks?.scheduleInfo.startDateTime).toBe('2030-05-05T10:00:00Z');
  });
});
