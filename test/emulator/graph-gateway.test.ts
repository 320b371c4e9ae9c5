import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './server.ts';
import { control, emuFetch, mintToken } from './test-client.ts';
import { ALICE, echoGraph, REDIRECT_URI, testScenario } from './test-fixture.ts';
import { fragment, newFlow, redeem, signInAs, type TokenResponse, tokenRequest } from './test-oauth.ts';

let emu: Emulator;
let graph: ReturnType<typeof echoGraph>;
beforeAll(async () => {
  emu = await startEmulator({
    scenario: testScenario,
    createGraph: () => {
      graph = echoGraph();
      return graph;
    },
  });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const alice = (extra: Partial<Parameters<typeof mintToken>[1]> = {}) =>
  mintToken(emu, { userId: ALICE, scopes: ['User.Read'], ...extra });
type GraphErr = { error: { code: string; message: string; innerError: Record<string, string> } };

async function expect401(res: Awaited<ReturnType<typeof emuFetch>>, message: string) {
  expect(res.status).toBe(401);
  const body = res.json<GraphErr>();
  expect(body.error.code).toBe('InvalidAuthenticationToken');
  expect(body.error.message).toBe(message);
  expect(Object.keys(body.error.innerError).sort()).toEqual(['client-request-id', 'date', 'request-id']);
  expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
}

describe('Graph requests reach the Graph service as GraphRequest', () => {
  it('passes version, decoded path, query, body, token claims and base URL; ticks first', async () => {
    const token = await alice();
    const ticks = graph.ticks;
    const res = await emuFetch(
      emu,
      "/beta/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances/filterByCurrentUser(on='principal')?$filter=groupId%20eq%20'g'",
      {
        method: 'POST',
        headers: { ...bearer(token), 'client-request-id': 'abc-123' },
        body: { a: 1 },
      },
    );
    expect(res.status).toBe(200);
    expect(graph.ticks).toBe(ticks + 1);
    expect(res.json()).toMatchObject({
      method: 'POST',
      version: 'beta',
      path: "/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances/filterByCurrentUser(on='principal')",
      query: '%24filter=groupId+eq+%27g%27',
      body: { a: 1 },
      token: { oid: ALICE, scp: 'User.Read', aud: 'https://graph.microsoft.com' },
      baseUrl: 'https://graph.microsoft.com/beta',
    });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['client-request-id']).toBe('abc-123');
    expect(res.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });
  it('/v1.0/$batch is a Graph path too', async () => {
    const res = await emuFetch(emu, 'https://graph.microsoft.com/v1.0/$batch', {
      headers: bearer(await alice()),
      body: { requests: [] },
    });
    expect(res.json()).toMatchObject({ version: 'v1.0', path: '/$batch', baseUrl: 'https://graph.microsoft.com/v1.0' });
  });
  it('answers CORS preflight without a token', async () => {
    const res = await emuFetch(emu, '/v1.0/me', {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://x',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-headers']).toBe('authorization,content-type');
    expect(res.headers['access-control-allow-methods']).toContain('PATCH');
  });
  it('invalid JSON body → 400 BadRequest envelope', async () => {
    const res = await emuFetch(emu, '/v1.0/me', { method: 'POST', headers: bearer(await alice()), body: '{oops' });
    expect(res.status).toBe(400);
    expect(res.json<GraphErr>().error.code).toBe('BadRequest');
  });
});

describe('token verification', () => {
  it('missing token → "Access token is empty."', async () => {
    await expect401(await emuFetch(emu, '/v1.0/me'), 'Access token is empty.');
  });
  it('garbage and foreign signatures are refused', async () => {
    expect((await emuFetch(emu, '/v1.0/me', { headers: bearer('not.a.jwt') })).status).toBe(401);
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ aud: 'https://graph.microsoft.com', oid: ALICE })
      .setProtectedHeader({ alg: 'RS256', kid: 'x' })
      .setIssuedAt(Math.floor(emu.clock.now() / 1000))
      .setExpirationTime(Math.floor(emu.clock.now() / 1000) + 600)
      .sign(privateKey);
    await expect401(
      await emuFetch(emu, '/v1.0/me', { headers: bearer(forged) }),
      'Access token validation failure. Invalid signature.',
    );
  });
  it('another audience → "Invalid audience."', async () => {
    const iat = Math.floor(emu.clock.now() / 1000);
    const other = await new SignJWT({ aud: 'api://something-else', oid: ALICE, iat, exp: iat + 600 })
      .setProtectedHeader({ alg: 'RS256', kid: emu.state.keys.kid })
      .sign(emu.state.keys.privateKey);
    await expect401(
      await emuFetch(emu, '/v1.0/me', { headers: bearer(other) }),
      'Access token validation failure. Invalid audience.',
    );
  });
  it('expiry follows the emulator clock; the Date header too', async () => {
    const token = await alice({ lifetimeSeconds: 600 });
    const ok = await emuFetch(emu, '/v1.0/me', { headers: bearer(token) });
    expect(ok.status).toBe(200);
    expect(Date.parse(ok.headers.date ?? '')).toBe(Math.floor(emu.clock.now() / 1000) * 1000);
    const moved = await control<{ now: string }>(emu, 'clock', { advanceMs: 601_000 });
    const expired = await emuFetch(emu, '/v1.0/me', { headers: bearer(token) });
    await expect401(expired, 'Lifetime validation failed, the token is expired.');
    expect(Math.abs(Date.parse(expired.headers.date ?? '') - Date.parse(moved.now))).toBeLessThan(2000);
  });
});

describe('continuous access evaluation', () => {
  it('after revoke: cp1 tokens get an insufficient_claims challenge, others a plain 401, new tokens pass', async () => {
    const cp1 = await alice({ cp1: true });
    const plain = await alice();
    await control(emu, 'revoke', { userId: ALICE });
    const challenged = await emuFetch(emu, '/v1.0/me', { headers: bearer(cp1) });
    expect(challenged.status).toBe(401);
    const www = challenged.headers['www-authenticate'] ?? '';
    expect(www).toContain('authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"');
    expect(www).toContain('error="insufficient_claims"');
    const claims = JSON.parse(Buffer.from(/claims="([^"]+)"/.exec(www)?.[1] ?? '', 'base64').toString());
    expect(claims).toEqual({
      access_token: { nbf: { essential: true, value: String(Math.floor(emu.clock.now() / 1000)) } },
    });
    const refused = await emuFetch(emu, '/v1.0/me', { headers: bearer(plain) });
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).not.toContain('insufficient_claims');
    emu.clock.advance(1000);
    expect((await emuFetch(emu, '/v1.0/me', { headers: bearer(await alice({ cp1: true })) })).status).toBe(200);
  });
  it('refresh tokens issued before the revocation are refused (AADSTS50173)', async () => {
    const flow = newFlow(emu, { redirectUri: REDIRECT_URI });
    const t = (
      await redeem(emu, flow, fragment((await signInAs(emu, flow, ALICE)).headers.location).code ?? '')
    ).json<TokenResponse>();
    await control(emu, 'revoke', { userId: ALICE });
    const res = await tokenRequest(emu, flow, {
      grant_type: 'refresh_token',
      refresh_token: t.refresh_token,
      scope: 'openid',
    });
    expect(res.json<{ error_codes: number[] }>().error_codes).toEqual([50173]);
  });
});
