import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Emulator, startEmulator } from '../../test/emulator/server.ts';
import { control, mintToken } from '../../test/emulator/test-client.ts';
import { ALL_SCOPES } from '../auth/scopes.ts';
import { AppError } from '../core/result.ts';
import { emulatorFetch } from '../test-support/emulator-fetch.ts';
import { GraphCallOptions } from './call-options.ts';
import { createGraphClient } from './client.ts';
import { type GraphRequestError, toGraphRequestError } from './errors.ts';
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

type Call = { claims?: string; interactive: boolean; fresh?: boolean; prompt?: 'login' };

/**
 * A token source like the extension's, over a modelled Entra session:
 * - `sessionMfa`: the browser session already did MFA, so `p1` comes silently;
 * - `p1GivesMfa`: Entra maps `p1` to an MFA prompt (false: a context no policy targets);
 * - `loginGivesMfa`: a fresh sign-in (`prompt=login`) does MFA;
 * - `satisfy: false`: no claims are ever met (a token without them).
 * A window is "shown" whenever the token needed the user.
 */
function tokenSource(
  model: { satisfy?: boolean; sessionMfa?: boolean; p1GivesMfa?: boolean; loginGivesMfa?: boolean } = {},
) {
  const { satisfy = true, sessionMfa = false, p1GivesMfa = true, loginGivesMfa = false } = model;
  const calls: Call[] = [];
  let windows = 0;
  const getToken = async (_scopes: readonly string[], options: Call) => {
    calls.push(options);
    const wanted = satisfy ? (options.claims ?? '') : '';
    const p1 = wanted.includes('"p1"');
    let viaWindow = options.prompt === 'login' || (p1 && p1GivesMfa && !sessionMfa) || wanted.includes('"c1"');
    if (!options.interactive) viaWindow = false;
    if (viaWindow) windows++;
    const mfa = sessionMfa || (p1 && p1GivesMfa && viaWindow) || (options.prompt === 'login' && loginGivesMfa);
    const token = await mintToken(emu, {
      userId: ADELE,
      scopes: ALL_SCOPES,
      mfa: mfa || wanted.includes('"c1"'),
      ...(wanted.includes('"c1"') ? { acrs: ['c1'] } : {}),
      cp1: true,
    });
    return { token, viaWindow };
  };
  return {
    calls,
    windows: () => windows,
    client: createGraphClient({ graphHost: 'https://graph.microsoft.com', getToken }),
  };
}

const P1 = { access_token: { acrs: { essential: true, values: ['p1'] } } };
const claimsOf = (call: Call | undefined) => JSON.parse(call?.claims ?? 'null');

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

  it('MfaRule, single-factor session: one p1 token through one window, then provisioned', async () => {
    await control(emu, '/reset', {});
    const source = tokenSource();
    expect((await postScheduleRequest(source.client, activation(FINANCE), write)).status).toBe('provisioned');
    expect(source.calls.map((c) => [claimsOf(c), c.prompt ?? null])).toEqual([
      [null, null],
      [P1, null],
    ]);
    expect(source.windows()).toBe(1);
  });

  it('MfaRule when p1 does not bring MFA: one fresh sign-in (prompt=login), still one window', async () => {
    await control(emu, '/reset', {});
    const source = tokenSource({ p1GivesMfa: false, loginGivesMfa: true });
    expect((await postScheduleRequest(source.client, activation(FINANCE), write)).status).toBe('provisioned');
    expect(source.calls.map((c) => [claimsOf(c), c.prompt ?? null])).toEqual([
      [null, null],
      [P1, null],
      [P1, 'login'],
    ]);
    expect(source.windows()).toBe(1);
  });

  it('MfaRule that nothing satisfies: after the one window, PIM’s refusal is returned, never a second window', async () => {
    await control(emu, '/reset', {});
    const source = tokenSource({ p1GivesMfa: false, loginGivesMfa: false });
    const error = await postScheduleRequest(source.client, activation(FINANCE), write).catch((e: unknown) => e);
    expect((error as GraphRequestError).failure).toMatchObject({
      status: 400,
      code: 'RoleAssignmentRequestPolicyValidationFailed',
    });
    expect(source.calls).toHaveLength(3);
    expect(source.windows()).toBe(1);
  });

  it('MfaRule without a user at the keyboard: only the silent p1 attempt', async () => {
    await control(emu, '/reset', {});
    const source = tokenSource();
    const background = new GraphCallOptions(write.scopes, false);
    await postScheduleRequest(source.client, activation(FINANCE), background).catch(() => undefined);
    expect(source.calls.map((c) => [claimsOf(c), c.interactive])).toEqual([
      [null, false],
      [P1, false],
    ]);
    expect(source.windows()).toBe(0);
  });

  it('a session that did MFA gets p1 silently: no window at all', async () => {
    await control(emu, '/reset', {});
    const source = tokenSource({ sessionMfa: true });
    expect((await postScheduleRequest(source.client, activation(FINANCE), write)).status).toBe('provisioned');
    expect(source.windows()).toBe(0);
  });

  it('a token that cannot be had reaches the caller as itself, not as a network failure', async () => {
    const getToken = async () => {
      throw new AppError('auth-session-ended', 'Your Microsoft sign-in has ended.');
    };
    const client = createGraphClient({ graphHost: 'https://graph.microsoft.com', getToken });
    const error = await client
      .api('/me')
      .middlewareOptions([new GraphCallOptions(['User.Read'], false)])
      .get()
      .catch((e: unknown) => toGraphRequestError(e));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('auth-session-ended');
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
    const { calls, client } = tokenSource({ satisfy: false });
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
    const getToken = async () => ({
      token: n++ === 0 ? stale : await mintToken(emu, { userId: ADELE, scopes: ALL_SCOPES }),
      viaWindow: false,
    });
    const client = createGraphClient({ graphHost: 'https://graph.microsoft.com', getToken });
    const me = await client
      .api('/me')
      .middlewareOptions([new GraphCallOptions(['User.Read'], false)])
      .get();
    expect(me.id).toBe(ADELE);
    expect(n).toBe(2);
  });
});

describe('authentication-context challenges in other shapes', () => {
  const challenged = (status: number, message: string) => {
    const seen: Call[] = [];
    vi.stubGlobal('fetch', async (_input: RequestInfo, init?: RequestInit) => {
      const auth = new Headers(init?.headers).get('Authorization');
      if (auth === 'Bearer stepped')
        return new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
      return new Response(JSON.stringify({ error: { code: 'RoleAssignmentRequestAcrsValidationFailed', message } }), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    });
    const getToken = async (_scopes: readonly string[], options: Call) => {
      seen.push(options);
      return { token: options.claims ? 'stepped' : 'plain', viaWindow: false };
    };
    return { seen, client: createGraphClient({ graphHost: 'https://graph.microsoft.com', getToken }) };
  };
  afterAll(() => vi.stubGlobal('fetch', emulatorFetch(emu)));

  it.each([
    [
      'a 403 with URL-encoded claims',
      403,
      'Policy failed. &claims=%7B%22access_token%22%3A%7B%22acrs%22%3A%7B%22essential%22%3Atrue%2C%22value%22%3A%22c2%22%7D%7D%7D',
    ],
    [
      'a 400 with raw JSON claims',
      400,
      'Policy failed. claims={"access_token":{"acrs":{"essential":true,"value":"c2"}}} (see policy)',
    ],
  ])('reads %s', async (_name, status, message) => {
    const { seen, client } = challenged(status, message);
    await client.api('/x').middlewareOptions([write]).post({});
    expect(seen.map(claimsOf)).toEqual([null, { access_token: { acrs: { essential: true, value: 'c2' } } }]);
  });
});
