import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './server.ts';
import { control, emuFetch } from './test-client.ts';
import { ALICE, BOB, CAROL, echoGraph, REDIRECT_URI, testScenario } from './test-fixture.ts';
import {
  cookieOf,
  fragment,
  newFlow,
  postForm,
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

const ACRS_C1 = JSON.stringify({
  access_token: { acrs: { essential: true, value: 'c1' }, xms_cc: { values: ['CP1'] } },
});
/** The reserved context that demands MFA (claims.ts MFA_CONTEXT). */
const MFA = JSON.stringify({ access_token: { acrs: { essential: true, values: ['p1'] } } });
/** Our emulator's old convention, which Entra does not document: ignored unless `honourAmrClaims`. */
const AMR_MFA = JSON.stringify({ access_token: { amr: { essential: true, values: ['mfa'] } } });
const flowWith = (claims: string, extra: Record<string, string> = {}) =>
  newFlow(emu, { redirectUri: REDIRECT_URI, extra: { claims, ...extra } });

describe('step-up at authorize', () => {
  it('acrs c1: sign-in → MFA page → approve → token with acrs c1 and mfa', async () => {
    const flow = flowWith(ACRS_C1);
    const page = await signInAs(emu, flow, ALICE);
    expect(page.status).toBe(200);
    expect(page.text()).toContain('<h1>Approve sign-in request</h1>');
    expect(page.text()).toContain('name="emu_mfa" value="approve"');
    const cookie = cookieOf(page);
    const approved = await postForm(emu, flow.authorizePath, { ...flow.params, emu_mfa: 'approve' }, { cookie });
    const { code } = fragment(approved.headers.location);
    const t = (await redeem(emu, flow, code ?? '', { claims: ACRS_C1 })).json<TokenResponse>();
    const claims = decodeJwt(t.access_token);
    expect(claims.acrs).toEqual(['c1']);
    expect(claims.amr).toEqual(['pwd', 'mfa']);
    expect(claims.xms_cc).toEqual(['cp1']);

    // The session remembers: the same claims again go straight back, even silently.
    const again = await emuFetch(emu, flowWith(ACRS_C1).authorizeUrl({ prompt: 'none' }), { headers: { cookie } });
    expect(fragment(again.headers.location).code).toBeTruthy();
  });

  it('acrs p1: MFA page with an existing single-factor session, then straight back with mfa and p1', async () => {
    const cookie = cookieOf(await signInAs(emu, newFlow(emu, { redirectUri: REDIRECT_URI }), BOB));
    const flow = flowWith(MFA);
    const page = await emuFetch(emu, flow.authorizeUrl(), { headers: { cookie } });
    expect(page.text()).toContain('Approve sign-in request');
    const approved = await postForm(emu, flow.authorizePath, { ...flow.params, emu_mfa: 'approve' }, { cookie });
    const t = (
      await redeem(emu, flow, fragment(approved.headers.location).code ?? '', { claims: MFA })
    ).json<TokenResponse>();
    expect(decodeJwt(t.access_token).amr).toEqual(['pwd', 'mfa']);
    expect(decodeJwt(t.access_token).acrs).toEqual(['p1']);
  });

  it('p1 configured as a context no policy targets: satisfied without MFA', async () => {
    await control(emu, 'settings', { p1RequiresMfa: false });
    const flow = flowWith(MFA);
    const res = await signInAs(emu, flow, BOB);
    const t = (
      await redeem(emu, flow, fragment(res.headers.location).code ?? '', { claims: MFA })
    ).json<TokenResponse>();
    expect([decodeJwt(t.access_token).amr, decodeJwt(t.access_token).acrs]).toEqual([['pwd'], ['p1']]);
  });

  it('an amr claims request is ignored (Entra documents none), unless honourAmrClaims is set', async () => {
    const cookie = cookieOf(await signInAs(emu, newFlow(emu, { redirectUri: REDIRECT_URI }), BOB));
    const ignored = await emuFetch(emu, flowWith(AMR_MFA).authorizeUrl(), { headers: { cookie } });
    expect(fragment(ignored.headers.location).code).toBeTruthy();
    await control(emu, 'settings', { honourAmrClaims: true });
    const honoured = await emuFetch(emu, flowWith(AMR_MFA).authorizeUrl(), { headers: { cookie } });
    expect(honoured.text()).toContain('Approve sign-in request');
  });

  it('a user whose sign-ins require MFA (Conditional Access) gets mfa in amr without asking', async () => {
    await control(emu, 'settings', { autoSignIn: CAROL, autoApproveMfa: true });
    const flow = newFlow(emu, { redirectUri: REDIRECT_URI });
    const res = await emuFetch(emu, flow.authorizeUrl());
    const t = (await redeem(emu, flow, fragment(res.headers.location).code ?? '')).json<TokenResponse>();
    expect(decodeJwt(t.access_token).amr).toEqual(['pwd', 'mfa']);
  });

  it('denying the MFA prompt → access_denied', async () => {
    const flow = flowWith(MFA);
    const cookie = cookieOf(await signInAs(emu, flow, BOB));
    const denied = await postForm(emu, flow.authorizePath, { ...flow.params, emu_mfa: 'deny' }, { cookie });
    expect(fragment(denied.headers.location).error).toBe('access_denied');
  });

  it('prompt=none when step-up is needed → interaction_required AADSTS50076', async () => {
    const cookie = cookieOf(await signInAs(emu, newFlow(emu, { redirectUri: REDIRECT_URI }), ALICE));
    const res = await emuFetch(emu, flowWith(ACRS_C1).authorizeUrl({ prompt: 'none' }), { headers: { cookie } });
    const p = fragment(res.headers.location);
    expect(p.error).toBe('interaction_required');
    expect(p.error_description).toMatch(/^AADSTS50076: /);
  });

  it('a context the user cannot satisfy → access_denied AADSTS53003 (blocked by Conditional Access)', async () => {
    const res = await signInAs(emu, flowWith(ACRS_C1), BOB);
    const p = fragment(res.headers.location);
    expect(p.error).toBe('access_denied');
    expect(p.error_description).toMatch(/^AADSTS53003: Access has been blocked by Conditional Access policies/);
  });

  it('prompt=none never performs MFA, even when the emulator approves MFA pages by itself', async () => {
    await control(emu, 'settings', { autoApproveMfa: true });
    const cookie = cookieOf(await signInAs(emu, newFlow(emu, { redirectUri: REDIRECT_URI }), BOB));
    const res = await emuFetch(emu, flowWith(MFA).authorizeUrl({ prompt: 'none' }), { headers: { cookie } });
    expect(fragment(res.headers.location).error).toBe('interaction_required');
  });

  it('acrs values[] form: any satisfiable value will do', async () => {
    const claims = JSON.stringify({ access_token: { acrs: { essential: true, values: ['c9', 'c1'] } } });
    await control(emu, 'settings', { autoSignIn: ALICE, autoApproveMfa: true });
    const flow = flowWith(claims);
    const res = await emuFetch(emu, flow.authorizeUrl());
    const t = (await redeem(emu, flow, fragment(res.headers.location).code ?? '')).json<TokenResponse>();
    expect(decodeJwt(t.access_token).acrs).toEqual(['c1']);
  });

  it('autoSignIn without autoApproveMfa still shows the MFA page', async () => {
    await control(emu, 'settings', { autoSignIn: ALICE });
    const res = await emuFetch(emu, flowWith(MFA).authorizeUrl());
    expect(res.status).toBe(200);
    expect(res.text()).toContain('Approve sign-in request');
  });
});

describe('step-up at the token endpoint (refresh with claims)', () => {
  it('claims the refresh token cannot meet → interaction_required AADSTS50076; met ones → acrs in the token', async () => {
    const plain = newFlow(emu, { redirectUri: REDIRECT_URI });
    const t = (
      await redeem(emu, plain, fragment((await signInAs(emu, plain, ALICE)).headers.location).code ?? '')
    ).json<TokenResponse>();
    const res = await tokenRequest(emu, plain, {
      grant_type: 'refresh_token',
      refresh_token: t.refresh_token,
      scope: 'openid',
      claims: MFA,
    });
    expect(res.status).toBe(400);
    expect(res.json<{ error: string; error_codes: number[] }>()).toMatchObject({
      error: 'interaction_required',
      error_codes: [50076],
    });

    const stepped = flowWith(ACRS_C1);
    const page = await signInAs(emu, stepped, ALICE);
    const ok = await postForm(
      emu,
      stepped.authorizePath,
      { ...stepped.params, emu_mfa: 'approve' },
      { cookie: cookieOf(page) },
    );
    const t2 = (await redeem(emu, stepped, fragment(ok.headers.location).code ?? '')).json<TokenResponse>();
    const r2 = await tokenRequest(emu, stepped, {
      grant_type: 'refresh_token',
      refresh_token: t2.refresh_token,
      scope: 'openid',
      claims: ACRS_C1,
    });
    expect(r2.status).toBe(200);
    expect(decodeJwt(r2.json<TokenResponse>().access_token).acrs).toEqual(['c1']);
  });
});
