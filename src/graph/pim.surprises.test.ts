// The production Graph client against the emulator's `surprises` tenant (issue 17): a deleted
// group still listed as an eligibility, and a scheduled (Granted) activation.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGraphService } from '../../test/emulator/graph/index.ts';
import { SURPRISES } from '../../test/emulator/scenarios/index.ts';
import { type Emulator, startEmulator } from '../../test/emulator/server.ts';
import { control, mintToken } from '../../test/emulator/test-client.ts';
import { ALL_SCOPES } from '../auth/scopes.ts';
import { emulatorFetch } from '../test-support/emulator-fetch.ts';
import { GraphCallOptions } from './call-options.ts';
import { createGraphClient } from './client.ts';
import type { GraphRequestError } from './errors.ts';
import { readMyPimData, readRequirement } from './pim.ts';
import { buildItems } from './snapshot.ts';

const ADELE = '4e8c1a3b-5d72-4f19-8a6e-0b3c9d2e7f41';
const DELETED = SURPRISES.deletedGroup.id;
const HELPDESK = SURPRISES.scheduledGroupId;
const read = new GraphCallOptions(['PrivilegedEligibilitySchedule.Read.AzureADGroup'], false);
const label = (id: string) => `Group without a readable name (${id})`;

let emu: Emulator;
let token: string;
const client = () =>
  createGraphClient({ graphHost: 'https://graph.microsoft.com', getToken: async () => ({ token, viaWindow: false }) });

beforeAll(async () => {
  emu = await startEmulator({ port: 0, scenario: 'surprises' });
  vi.stubGlobal('fetch', emulatorFetch(emu));
  token = await mintToken(emu, { userId: ADELE, scopes: ALL_SCOPES });
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await emu?.close();
});

describe('surprises tenant', () => {
  it('lists the deleted group under a label with its id, and its policy read says why it fails', async () => {
    const data = await readMyPimData(client(), read);
    expect(data.unreadable).toEqual([]);
    const items = buildItems(data, emu.clock.now(), label);
    // The demo's 16 items and the deleted group (the scheduled one is a demo group).
    expect(items).toHaveLength(17);
    expect(items.find((i) => i.groupId === DELETED)).toMatchObject({
      groupName: label(DELETED),
      accessId: 'member',
      eligible: true,
    });
    expect(items.filter((i) => i.groupName.startsWith('Group without'))).toHaveLength(1);
    const error = await readRequirement(client(), { groupId: DELETED, accessId: 'member' }, read).catch((e) => e);
    expect((error as GraphRequestError).failure).toMatchObject({ status: 404, code: 'RoleManagementPolicyNotFound' });
  });

  it('shows the scheduled activation until its start, then the activation', async () => {
    const before = buildItems(await readMyPimData(client(), read), emu.clock.now(), label);
    const helpdesk = before.find((i) => i.groupId === HELPDESK);
    expect(helpdesk?.active).toBeUndefined();
    const scheduled = helpdesk?.scheduled;
    expect(scheduled?.endMs).toBe((scheduled?.startMs ?? 0) + 3_600_000);
    expect(scheduled?.startMs).toBeGreaterThan(emu.clock.now());

    // Graph's times are to the second; the emulator's start is not: one second past the shown start.
    await control(emu, '/clock', { set: new Date((scheduled?.startMs ?? 0) + 1000).toISOString() });
    token = await mintToken(emu, { userId: ADELE, scopes: ALL_SCOPES }); // the old one expired on the moved clock
    const after = buildItems(await readMyPimData(client(), read), emu.clock.now(), label);
    expect(after.find((i) => i.groupId === HELPDESK)).toMatchObject({
      active: { assignmentType: 'activated', startMs: scheduled?.startMs, endMs: scheduled?.endMs },
    });
    expect(after.find((i) => i.groupId === HELPDESK)?.scheduled).toBeUndefined();
  });
});

describe('a tenant that refuses $expand=group without a directory permission', () => {
  it('reads the lists again without it: every item, labelled with its id', async () => {
    const strict = await startEmulator({
      port: 0,
      scenario: 'demo',
      createGraph: (s, c) => createGraphService(s, c, { expandGroupNeedsDirectoryScope: true }),
    });
    try {
      vi.stubGlobal('fetch', emulatorFetch(strict));
      const own = await mintToken(strict, { userId: ADELE, scopes: ALL_SCOPES });
      const strictClient = createGraphClient({
        graphHost: 'https://graph.microsoft.com',
        getToken: async () => ({ token: own, viaWindow: false }),
      });
      await control(strict, '/log', undefined, 'DELETE');
      const items = buildItems(await readMyPimData(strictClient, read), strict.clock.now(), label);
      const log = await control<Array<{ method: string; path: string; status: number }>>(strict, '/log');
      expect(log.map((l) => `${l.method} ${l.path} ${l.status}`)).toEqual([
        'POST /v1.0/$batch 200',
        "GET /v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances/filterByCurrentUser(on='principal') 200",
        "GET /v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleInstances/filterByCurrentUser(on='principal') 200",
      ]);
      expect(items).toHaveLength(16);
      expect(items.every((i) => i.groupName === label(i.groupId))).toBe(true);
    } finally {
      vi.stubGlobal('fetch', emulatorFetch(emu));
      await strict.close();
    }
  });
});
