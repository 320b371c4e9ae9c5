import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Emulator, startEmulator } from '../../test/emulator/server.ts';
import { control, mintToken } from '../../test/emulator/test-client.ts';
import { ALL_SCOPES } from '../auth/scopes.ts';
import { emulatorFetch } from '../test-support/emulator-fetch.ts';
import { GraphCallOptions } from './call-options.ts';
import { createGraphClient } from './client.ts';
import type { GraphRequestError } from './errors.ts';
import { postScheduleRequest, type ScheduleRequestBody } from './pim.ts';

// Claims challenges, answered once, against the emulator's demo policies.
const ADELE = '4e8c1a3b-5d72-4f19-8a6e-0b3c9d2e7f41';
const KEYVAULT = '5d8e1a6c-7f91-42a3-8e3f-4a5b6c7d8e05'; // auth context c1
const FINANCE = '4c7d0f5b-6e80-4192-9d2e-3f4a5b6c7d04'; // MFA

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, scenario: 'demo' });
  vi.stubGlobal('fetch', emulatorFetch(emu));
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await emu?.close();
});

type Call = { claims?: string; interactive: boolean; fresh?: boolean };

/** A token source like the extension's: it satisfies exactly what the claims ask for. */
function tokenSource(satisfy = true) {
  const calls: Call[] = [];
  const getToken = async (_scopes: readonly string[], options: Call) => {
    calls.push(options);
    const wanted = satisfy ? (options.claims ?? '') : '';
    return mintToken(emu, {
      userId: ADELE,
      scopes: ALL_SCOPES,
      mfa: wanted.includes('mfa') || wanted.includes('acrs'),
      ...(wanted.includes('"c1"') ? { acrs: ['c1'] } : {}),
      cp1: true,
    });
  };
  return { calls, client: createGraphClient({ graphHost: 'https://graph.microsoft.com', getToken }) };
}

const activation = (groupId: string): ScheduleRequestBody => ({
  accessId: 'member',
  principalId: ADELE,
  groupId,
  action: 'selfActivate',
  justification: 'Rotate the storage keys',
  scheduleInfo: {
    startDateTime: new Date(emu.clock.now()).toISOString(),
    expiration: { type: 'afterDuration', duration: 'PT1H' },
  },
});
const write = new GraphCallOptions(['PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup'], true);

describe('step-up', () => {
  it('answers an authentication-context challenge with a c1 token and succeeds on the second try', async () => {
    const { calls, client } = tokenSource();
    const created = await postScheduleRequest(client, activation(KEYVAULT), write);
    expect(created.status).toBe('provisioned');
    expect(calls).toHaveLength(2);
    expect(JSON.parse(calls[1]?.claims ?? '{}')).toEqual({ access_token: { acrs: { essential: true, value: 'c1' } } });
    expect(calls[1]).toMatchObject({ interactive: true, fresh: true });
  });

  it('answers a failed MfaRule by asking for MFA', async () => {
    const { calls, client } = tokenSource();
    expect((await postScheduleRequest(client, activation(FINANCE), write)).status).toBe('provisioned');
    expect(calls[1]?.claims).toContain('mfa');
  });

  it('asks for the claims up front when given them, so one token suffices', async () => {
    await control(emu, '/reset', {});
    const { calls, client } = tokenSource();
    const upFront = new GraphCallOptions(
      write.scopes,
      true,
      '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}',
    );
    expect((await postScheduleRequest(client, activation(KEYVAULT), upFront)).status).toBe('provisioned');
    expect(calls).toHaveLength(1);
  });

  it('answers a challenge once, never in a loop', async () => {
    await control(emu, '/reset', {});
    const { calls, client } = tokenSource(false);
    const error = await postScheduleRequest(client, activation(KEYVAULT), write).catch((e: unknown) => e);
    expect((error as GraphRequestError).failure).toMatchObject({
      status: 400,
      code: 'RoleAssignmentRequestAcrsValidationFailed',
    });
    expect(calls).toHaveLength(2);
  });

  it('retries once with a fresh token when the token expired mid-flight', async () => {
    await control(emu, '/reset', {});
    const stale = await mintToken(emu, { userId: ADELE, scopes: ALL_SCOPES, lifetimeSeconds: 60 });
    await control(emu, '/clock', { advanceMs: 120_000 });
    let n = 0;
    const getToken = async () => (n++ === 0 ? stale : mintToken(emu, { userId: ADELE, scopes: ALL_SCOPES }));
    const client = createGraphClient({ graphHost: 'https://graph.microsoft.com', getToken });
    const me = await client
      .api('/me')
      .middlewareOptions([new GraphCallOptions(['User.Read'], false)])
      .get();
    expect(me.id).toBe(ADELE);
    expect(n).toBe(2);
  });
});
