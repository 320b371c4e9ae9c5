import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './server.ts';
import { control, emuFetch } from './test-client.ts';
import { ALICE, echoGraph, REDIRECT_URI, testScenario } from './test-fixture.ts';
import {
  EXTENSION_ORIGIN,
  type Flow,
  fragment,
  newFlow,
  redeem,
  signInAs,
  type TokenResponse,
  tokenRequest,
} from './test-oauth.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ scenario: testScenario, createGraph: () => echoGraph() });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

async function codeFor(userId = ALICE, extra: Record<string, string> = {}): Promise<{ flow: Flow; code: string }> {
  const flow = newFlow(emu, { redirectUri: REDIRECT_URI, extra });
  const code = fragment((await signInAs(emu, flow, userId)).headers.location).code;
  if (!code) throw new Error('no code');
  return { flow, code };
}

async function expectTokenError(res: Awaited<ReturnType<typeof redeem>>, error: string, code: number, text?: string) {
  expect(res.status).toBe(400);
  const body = res.json<Record<string, unknown>>();
  expect(body.error).toBe(error);
  expect(body.error_codes).toEqual([code]);
  expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
  if (text) expect(body.error_description).toContain(text);
  for (const k of ['timestamp', 'trace_id', 'correlation_id', 'error_uri']) expect(body[k], k).toBeTruthy();
}

describe('authorization code + PKCE, by hand', () => {
  it('issues tokens MSAL accepts, verifiable with the published JWKS, that Graph accepts', async () => {
    const { flow, code } = await codeFor();
    const res = await redeem(emu, flow, code);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(EXTENSION_ORIGIN);
    expect(res.headers['cache-control']).toBe('no-store');
    const t = res.json<TokenResponse & Record<string, unknown>>();
    expect(t.token_type).toBe('Bearer');
    expect(t.expires_in).toBe(3600);
    expect(t.ext_expires_in).toBe(3600);
    expect(t.refresh_token).toBeTruthy();
    expect(JSON.parse(Buffer.from(t.client_info, 'base64url').toString())).toEqual({ uid: ALICE, utid: emu.tenantId });
    expect(t.scope.split(' ')).toEqual(
      expect.arrayContaining(['https://graph.microsoft.com/User.Read', 'openid', 'profile', 'offline_access']),
    );

    const jwks = createLocalJWKSet((await emuFetch(emu, `/${emu.tenantId}/discovery/v2.0/keys`)).json());
    const now = new Date(emu.clock.now());
    const at = await jwtVerify(t.access_token, jwks, { audience: 'https://graph.microsoft.com', currentDate: now });
    expect(at.protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(at.protectedHeader.kid).toBeTruthy();
    expect(at.payload).toMatchObject({
      iss: `https://sts.windows.net/${emu.tenantId}/`,
      tid: emu.tenantId,
      oid: ALICE,
      appid: emu.clientId,
      amr: ['pwd'],
      upn: 'alice@contoso.onmicrosoft.com',
    });
    expect(String(at.payload.scp).split(' ')).toContain('PrivilegedEligibilitySchedule.Read.AzureADGroup');
    expect(at.payload.acrs).toBeUndefined();
    expect(at.payload.xms_cc).toBeUndefined();
    expect(at.payload.exp).toBe(Math.floor(emu.clock.now() / 1000) + 3600);

    const id = await jwtVerify(t.id_token, jwks, {
      audience: emu.clientId,
      issuer: `https://login.microsoftonline.com/${emu.tenantId}/v2.0`,
      currentDate: now,
    });
    expect(id.payload).toMatchObject({ nonce: flow.params.nonce, oid: ALICE, tid: emu.tenantId, ver: '2.0' });
    expect(id.payload.preferred_username).toBe('alice@contoso.onmicrosoft.com');
    // No optional claims configured on this app: no login_hint.
    expect(id.payload.login_hint).toBeUndefined();

    const me = await emuFetch(emu, 'https://graph.microsoft.com/v1.0/me', {
      headers: { authorization: `Bearer ${t.access_token}` },
    });
    expect(me.status).toBe(200);
    expect(me.json<{ token: { oid: string } }>().token.oid).toBe(ALICE);
  });

  it('response scopes keep the form the client asked in (short or resource-prefixed), so MSAL finds them in its cache', async () => {
    const short = newFlow(emu, { redirectUri: REDIRECT_URI, scope: 'User.Read openid profile offline_access' });
    const code = fragment((await signInAs(emu, short, ALICE)).headers.location).code ?? '';
    const scope = (await redeem(emu, short, code)).json<TokenResponse>().scope.split(' ');
    expect(scope).toContain('User.Read');
    expect(scope).not.toContain('https://graph.microsoft.com/User.Read');
  });

  it('xms_cc=CP1 in claims gives a cp1 token', async () => {
    const claims = JSON.stringify({ access_token: { xms_cc: { values: ['CP1'] } } });
    const { flow, code } = await codeFor(ALICE, { claims });
    const t = (await redeem(emu, flow, code, { claims })).json<TokenResponse>();
    expect(decodeJwt(t.access_token).xms_cc).toEqual(['cp1']);
  });

  it('the login_hint optional claim is in the id token only when the app registration adds it', async () => {
    await emu.reset({
      ...testScenario,
      clients: testScenario.clients.map((c, i) =>
        i === 0 ? { ...c, idTokenOptionalClaims: ['login_hint' as const] } : c,
      ),
    });
    const { flow, code } = await codeFor();
    const t = (await redeem(emu, flow, code)).json<TokenResponse>();
    const hint = decodeJwt(t.id_token).login_hint;
    expect(hint).toMatch(/^O\.[A-Za-z0-9_-]+$/);
    // Stable for the user: a second sign-in gets the same hint.
    const again = await codeFor();
    expect(decodeJwt((await redeem(emu, again.flow, again.code)).json<TokenResponse>().id_token).login_hint).toBe(hint);
  });

  it('the token lifetime follows the settings', async () => {
    await control(emu, 'settings', { tokenLifetimeSeconds: 120 });
    const { flow, code } = await codeFor();
    const t = (await redeem(emu, flow, code)).json<TokenResponse>();
    expect(t.expires_in).toBe(120);
    const p = decodeJwt(t.access_token);
    expect((p.exp ?? 0) - (p.iat ?? 0)).toBe(120);
  });
});

describe('authorization code errors', () => {
  it('a code is single-use → AADSTS54005', async () => {
    const { flow, code } = await codeFor();
    expect((await redeem(emu, flow, code)).status).toBe(200);
    await expectTokenError(
      await redeem(emu, flow, code),
      'invalid_grant',
      54005,
      'OAuth2 Authorization code was already redeemed',
    );
  });
  it('an unknown code → AADSTS70008', async () => {
    const { flow } = await codeFor();
    await expectTokenError(await redeem(emu, flow, 'not-a-code'), 'invalid_grant', 70008);
  });
  it('a code older than 10 minutes (emulator time) → AADSTS70008', async () => {
    const { flow, code } = await codeFor();
    emu.clock.advance(10 * 60_000 + 1000);
    await expectTokenError(await redeem(emu, flow, code), 'invalid_grant', 70008);
  });
  it('another redirect_uri → AADSTS50011', async () => {
    const { flow, code } = await codeFor();
    await expectTokenError(
      await redeem(emu, flow, code, { redirect_uri: 'https://other.example/' }),
      'invalid_grant',
      50011,
    );
  });
  it('a wrong code_verifier → AADSTS501481', async () => {
    const { flow, code } = await codeFor();
    await expectTokenError(
      await redeem(emu, flow, code, { code_verifier: 'x'.repeat(43) }),
      'invalid_grant',
      501481,
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    );
  });
  it('no Origin header (not cross-origin) → AADSTS9002327', async () => {
    const { flow, code } = await codeFor();
    const res = await tokenRequest(
      emu,
      flow,
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: flow.verifier,
        scope: 'openid',
      },
      null,
    );
    await expectTokenError(
      res,
      'invalid_request',
      9002327,
      "Tokens issued for the 'Single-Page Application' client-type",
    );
  });
  it('unknown client → AADSTS700016; unsupported grant → AADSTS70003', async () => {
    const { flow } = await codeFor();
    await expectTokenError(
      await tokenRequest(emu, flow, { grant_type: 'refresh_token', client_id: 'nobody' }),
      'unauthorized_client',
      700016,
    );
    await expectTokenError(await tokenRequest(emu, flow, { grant_type: 'password' }), 'unsupported_grant_type', 70003);
  });
});
