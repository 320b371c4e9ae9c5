import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './server.ts';
import { control, emuFetch, mintToken } from './test-client.ts';

// `POST /_emulator/groups/{id}` renames a group, so a test can give the extension hostile names
// (markup, bidi controls, 10,000 characters) through real Graph responses.
const ADELE = '4e8c1a3b-5d72-4f19-8a6e-0b3c9d2e7f41';
const SQL_ADMINS = '1f4a7c2e-3b5d-4e6f-8a9b-0c1d2e3f4a01';
const ELIGIBLE =
  "/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances/filterByCurrentUser(on='principal')?$expand=group($select=id,displayName)";

let emu: Emulator;
let token: string;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, scenario: 'demo' });
  token = await mintToken(emu, { userId: ADELE, scopes: ['PrivilegedEligibilitySchedule.Read.AzureADGroup'] });
});
afterAll(() => emu?.close());

async function nameInList(groupId: string): Promise<string | undefined> {
  const reply = await emuFetch(emu, ELIGIBLE, { headers: { authorization: `Bearer ${token}` } });
  const body = reply.json() as { value: Array<{ groupId: string; group: { displayName: string } }> };
  return body.value.find((e) => e.groupId === groupId)?.group.displayName;
}

describe('control: group names', () => {
  it('renames a group to any string, Graph lists it so, and a reset brings the name back', async () => {
    const hostile = `<img src=x onerror="window.__pwned=1">\u202e\u200b${'W'.repeat(10_000)}`;
    expect(await control(emu, `groups/${SQL_ADMINS}`, { displayName: hostile })).toEqual({
      id: SQL_ADMINS,
      displayName: hostile,
    });
    expect(await nameInList(SQL_ADMINS)).toBe(hostile);
    await emu.reset();
    token = await mintToken(emu, { userId: ADELE, scopes: ['PrivilegedEligibilitySchedule.Read.AzureADGroup'] });
    expect(await nameInList(SQL_ADMINS)).toBe('SG-Prod-SQL-Admins');
  });

  it('refuses a missing name and an unknown group', async () => {
    const post = (id: string, body: unknown) => emuFetch(emu, `/_emulator/groups/${id}`, { method: 'POST', body });
    expect((await post(SQL_ADMINS, { displayName: 5 })).status).toBe(400);
    expect((await post('00000000-0000-0000-0000-000000000000', { displayName: 'x' })).status).toBe(404);
  });
});
