import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Emulator, startEmulator } from '../../test/emulator/server.ts';
import { control, mintToken } from '../../test/emulator/test-client.ts';
import { ALL_SCOPES } from '../auth/scopes.ts';
import { emulatorFetch } from '../test-support/emulator-fetch.ts';
import { GraphCallOptions } from './call-options.ts';
import { createGraphClient } from './client.ts';
import { MY_PIM_REQUESTS, readMyPimData } from './pim.ts';

// Issue 19: the production client against the emulator's `large` tenant (1,000 eligibilities, 20
// active), served in pages of 100 as Graph may: the batch's first pages are handed over before
// any later page is asked, and the read then follows every nextLink. No `$top` is sent (these
// endpoints document none: docs/graph-pim-groups.md §1.0).
const ADELE = '4e8c1a3b-5d72-4f19-8a6e-0b3c9d2e7f41';
let emu: Emulator;
let token: string;
const client = () =>
  createGraphClient({ graphHost: 'https://graph.microsoft.com', getToken: async () => ({ token, viaWindow: false }) });
const read = new GraphCallOptions(['PrivilegedEligibilitySchedule.Read.AzureADGroup'], false);
const graphLog = async () =>
  (await control<Array<{ method: string; path: string }>>(emu, '/log')).map(
    (l) => `${l.method} ${decodeURIComponent(l.path)}`,
  );

beforeAll(async () => {
  emu = await startEmulator({ port: 0, scenario: 'large' });
  vi.stubGlobal('fetch', emulatorFetch(emu));
  token = await mintToken(emu, { userId: ADELE, scopes: ALL_SCOPES });
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await emu?.close();
});

describe('a 1,000-group read in pages', () => {
  it('hands over the batch’s first pages, then reads the nine later pages of the eligibilities in turn', async () => {
    await control(emu, '/log', undefined, 'DELETE');
    const first: Array<{ eligibilities: number; actives: number; log: string[] }> = [];
    const data = await readMyPimData(client(), read, async (pages) => {
      first.push({ eligibilities: pages.eligibilities.length, actives: pages.actives.length, log: await graphLog() });
    });
    expect(first).toEqual([{ eligibilities: 100, actives: 20, log: ['POST /v1.0/$batch'] }]);
    expect([data.eligibilities.length, data.actives.length, data.unreadable]).toEqual([1000, 20, []]);
    expect(new Set(data.eligibilities.map((e) => e.groupId)).size).toBe(1000);
    const next = (n: number) =>
      `GET /v1.0${MY_PIM_REQUESTS.eligibilities}&$skiptoken=${Buffer.from(`skip:${n * 100}`).toString('base64url')}`;
    expect(await graphLog()).toEqual(['POST /v1.0/$batch', ...Array.from({ length: 9 }, (_, n) => next(n + 1))]);
    expect(Object.values(MY_PIM_REQUESTS).some((url) => url.includes('$top'))).toBe(false);
  });
});
