import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Emulator, startEmulator } from '../../test/emulator/server.ts';
import { control, mintToken } from '../../test/emulator/test-client.ts';
import { ALL_SCOPES } from '../auth/scopes.ts';
import { emulatorFetch } from '../test-support/emulator-fetch.ts';
import { GraphCallOptions } from './call-options.ts';
import { createGraphClient } from './client.ts';
import { GraphRequestError } from './errors.ts';
import {
  POLICY_BATCHES_IN_PARALLEL,
  policyUrl,
  postScheduleRequest,
  readMyPimData,
  readMyRequestsForGroup,
  readRequirement,
  readRequirements,
} from './pim.ts';
import { buildItems } from './snapshot.ts';

// The production Graph client against the emulator's demo tenant, in Node.
const ADELE = '4e8c1a3b-5d72-4f19-8a6e-0b3c9d2e7f41';
const SQL_ADMINS = '1f4a7c2e-3b5d-4e6f-8a9b-0c1d2e3f4a01';
const DEVOPS = 'a2cd6f1b-c4d6-47f8-b384-9f0a1b2c3d10';
const KEYVAULT = '5d8e1a6c-7f91-42a3-8e3f-4a5b6c7d8e05';

let emu: Emulator;
let token: string;
const observed: number[] = [];
const client = () =>
  createGraphClient({
    graphHost: 'https://graph.microsoft.com',
    getToken: async () => ({ token, viaWindow: false }),
    onServerDate: (serverMs) => observed.push(serverMs),
  });
const read = new GraphCallOptions(['PrivilegedEligibilitySchedule.Read.AzureADGroup'], false);

beforeAll(async () => {
  emu = await startEmulator({ port: 0, scenario: 'demo' });
  vi.stubGlobal('fetch', emulatorFetch(emu));
  token = await mintToken(emu, { userId: ADELE, scopes: ALL_SCOPES });
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await emu?.close();
});

describe('PIM Graph calls against the emulator', () => {
  it('reads eligibilities, active assignments and requests in one batch and builds the list', async () => {
    await control(emu, '/log', undefined, 'DELETE');
    const data = await readMyPimData(client(), read);
    const items = buildItems(data, emu.clock.now());
    expect(items).toHaveLength(16);
    const byName = (name: string, access = 'member') =>
      items.find((i) => i.groupName === name && i.accessId === access);
    expect(byName('SG-Prod-SQL-Admins')).toMatchObject({ eligible: true });
    expect(byName('SG-Prod-SQL-Admins')?.active).toBeUndefined();
    expect(byName('SG-VPN-Users')?.active).toMatchObject({ assignmentType: 'assigned', endMs: null });
    expect(byName('SG-Prod-AKS-Operators')?.active?.endMs).toBeGreaterThan(emu.clock.now());
    expect(byName('SG-Billing-Administrators')?.pending?.requestId).toBeTruthy();
    expect(byName('Team-Owners – Marketing Site', 'owner')?.eligible).toBe(true);
    expect(byName('SG-DevOps-Pipeline-Admins', 'owner')).toBeDefined();
    const log = await control<Array<{ path: string }>>(emu, '/log');
    expect(log.map((l) => l.path)).toEqual(['/v1.0/$batch']);
    expect(observed.length).toBeGreaterThan(0);
  });

  it('reads requirements per access id, owner differing from member', async () => {
    const found = await readRequirements(
      client(),
      [
        { groupId: DEVOPS, accessId: 'member' },
        { groupId: DEVOPS, accessId: 'owner' },
        { groupId: KEYVAULT, accessId: 'member' },
      ],
      read,
    );
    expect(found.get(`${DEVOPS}:member`)).toMatchObject({ maximumMinutes: 480, approval: false, ticket: false });
    expect(found.get(`${DEVOPS}:owner`)).toMatchObject({ maximumMinutes: 240, approval: true, ticket: true });
    expect(found.get(`${KEYVAULT}:member`)).toMatchObject({ authContext: 'c1', mfa: false, maximumMinutes: 240 });
    expect(await readRequirement(client(), { groupId: SQL_ADMINS, accessId: 'member' }, read)).toMatchObject({
      justification: false,
    });
  });

  it(`reads many policies in batches of 20, ${POLICY_BATCHES_IN_PARALLEL} batches at a time`, async () => {
    const groups = [DEVOPS, KEYVAULT, SQL_ADMINS];
    const keys = Array.from({ length: 100 }, (_, i) => ({
      groupId: groups[i % 3] as string,
      accessId: 'member' as const,
    }));
    await control(emu, '/latency', { ms: 150 });
    await control(emu, '/log', undefined, 'DELETE');
    try {
      const found = await readRequirements(client(), keys, read);
      expect(found.size).toBe(3);
    } finally {
      await control(emu, '/latency', { ms: 0 });
    }
    const log = await control<Array<{ path: string; startedAt: string; durationMs: number }>>(emu, '/log');
    expect(log.map((l) => l.path)).toEqual(Array(5).fill('/v1.0/$batch'));
    // The most batches in flight at any moment: never more than the limit, and more than one.
    const spans = log.map((l) => ({ start: Date.parse(l.startedAt), end: Date.parse(l.startedAt) + l.durationMs }));
    const inFlight = spans.map(({ start }) => spans.filter((o) => o.start <= start && start < o.end).length);
    expect(Math.max(...inFlight)).toBe(POLICY_BATCHES_IN_PARALLEL);
  });

  it('activates, and reports a second activation as RoleAssignmentExists', async () => {
    const body = {
      accessId: 'member' as const,
      principalId: ADELE,
      groupId: SQL_ADMINS,
      action: 'selfActivate' as const,
      justification: 'Patch night',
      scheduleInfo: {
        startDateTime: new Date(emu.clock.now()).toISOString(),
        expiration: { type: 'afterDuration' as const, duration: 'PT1H' },
      },
    };
    const write = new GraphCallOptions(['PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup'], true);
    const created = await postScheduleRequest(client(), body, write);
    expect(created.status).toBe('provisioned');
    const error = await postScheduleRequest(client(), body, write).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphRequestError);
    expect((error as GraphRequestError).failure).toMatchObject({ status: 400, code: 'RoleAssignmentExists' });
  });

  it('retries a throttled read after Retry-After and turns a malformed body into a specific error', async () => {
    await control(emu, '/faults', { type: '429', count: 1, retryAfterSeconds: 1, match: { area: 'graph' } });
    const data = await readMyPimData(client(), read);
    expect(data.eligibilities.length).toBeGreaterThan(0);
    await control(emu, '/faults', { type: 'malformed', count: 1, match: { area: 'graph' } });
    const error = await readMyPimData(client(), read).catch((e: unknown) => e);
    expect((error as GraphRequestError).failure).toMatchObject({ kind: 'malformed' });
  });
});

describe('group ids in $filter', () => {
  it('builds a filter only from a GUID: anything else is refused before a request is made', async () => {
    const id = '1f4a7c2e-3b5d-4e6f-8a9b-0c1d2e3f4a01';
    expect(decodeURIComponent(policyUrl({ groupId: id, accessId: 'owner' }))).toContain(
      `scopeId eq '${id}' and scopeType eq 'Group' and roleDefinitionId eq 'owner'`,
    );
    expect(() => policyUrl({ groupId: "x' or scopeType eq 'Group", accessId: 'member' })).toThrow(/not a GUID/);
    const options = new GraphCallOptions(['PrivilegedAssignmentSchedule.Read.AzureADGroup'], false);
    await expect(readMyRequestsForGroup(client(), "x' or 1 eq 1", options)).rejects.toThrow(/not a GUID/);
  });
});
