import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './server.ts';
import { control, emuFetch } from './test-client.ts';
import { BOB, echoGraph, GUEST, GUEST_HOME, REDIRECT_URI, TENANT_ID, testScenario } from './test-fixture.ts';
import { fragment, newFlow, postForm, redeem, signInAs, type TokenResponse, tokenRequest } from './test-oauth.ts';

// Entra's browser sessions: the ESTSAUTH session cookie, "Stay signed in?" (ESTSAUTHPERSISTENT),
// prompt=none answered from a live session, SPA refresh tokens that end after 24 h while the
// session lives on, and B2B guests whose home account is in another tenant.

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ scenario: testScenario, createGraph: () => echoGraph() });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const flow = () => newFlow(emu, { redirectUri: REDIRECT_URI });
const cookieNamed = (cookies: string[], name: string) => cookies.find((c) => c.startsWith(`${name}=`));
const pair = (cookie: string | undefined) => cookie?.split(';')[0] ?? '';
const silently = (cookie: string, extra: Record<string, string> = {}) =>
  emuFetch(emu, flow().authorizeUrl({ prompt: 'none', ...extra }), { headers: { cookie } });

describe('"Stay signed in?"', () => {
  it('asks after the account is picked; yes sets a persistent cookie that alone signs in silently', async () => {
    await control(emu, 'settings', { staySignedIn: 'ask' });
    const f = flow();
    const asked = await signInAs(emu, f, BOB);
    expect(asked.text()).toContain('<h1>Stay signed in?</h1>');
    const session = pair(cookieNamed(asked.cookies, 'ESTSAUTH'));
    const yes = await postForm(emu, f.authorizePath, { ...f.params, emu_kmsi: 'yes' }, { cookie: session });
    expect(fragment(yes.headers.location).code).toBeTruthy();
    const persistent = cookieNamed(yes.cookies, 'ESTSAUTHPERSISTENT');
    expect(persistent).toMatch(/; Max-Age=7776000; /);
    // After a browser restart only the persistent cookie is left.
    const res = await silently(pair(persistent));
    expect(fragment(res.headers.location).code).toBeTruthy();
  });

  it('no keeps the session cookie only: after a restart prompt=none says login_required', async () => {
    await control(emu, 'settings', { staySignedIn: 'ask' });
    const f = flow();
    const session = pair(cookieNamed((await signInAs(emu, f, BOB)).cookies, 'ESTSAUTH'));
    const no = await postForm(emu, f.authorizePath, { ...f.params, emu_kmsi: 'no' }, { cookie: session });
    expect(fragment(no.headers.location).code).toBeTruthy();
    expect(cookieNamed(no.cookies, 'ESTSAUTHPERSISTENT')).toBeUndefined();
    expect(cookieNamed(no.cookies, 'ESTSAUTH')).not.toMatch(/Max-Age|expires/i);
    const restarted = await emuFetch(emu, flow().authorizeUrl({ prompt: 'none' }));
    const p = fragment(restarted.headers.location);
    expect([p.error, p.error_description?.slice(0, 12)]).toEqual(['login_required', 'AADSTS50058:']);
  });
});

describe('prompt=none', () => {
  it('answers from the session without a page; another account hinted → interaction_required', async () => {
    const session = pair(cookieNamed((await signInAs(emu, flow(), BOB)).cookies, 'ESTSAUTH'));
    const same = await silently(session, { login_hint: 'bob@contoso.onmicrosoft.com' });
    expect(same.status).toBe(302);
    expect(fragment(same.headers.location).code).toBeTruthy();
    const other = fragment((await silently(session, { login_hint: 'alice@contoso.onmicrosoft.com' })).headers.location);
    expect([other.error, other.error_description?.slice(0, 12)]).toEqual(['interaction_required', 'AADSTS16000:']);
  });

  it('is never answered by autoSignIn: a silent request with no session is login_required', async () => {
    await control(emu, 'settings', { autoSignIn: BOB });
    const p = fragment((await emuFetch(emu, flow().authorizeUrl({ prompt: 'none' }))).headers.location);
    expect(p.error).toBe('login_required');
  });

  it('outlives the 24-hour SPA refresh token: after 25 h refresh fails with AADSTS700084, prompt=none still works', async () => {
    const f = flow();
    const first = await signInAs(emu, f, BOB);
    const session = pair(cookieNamed(first.cookies, 'ESTSAUTH'));
    const t = (await redeem(emu, f, fragment(first.headers.location).code ?? '')).json<TokenResponse>();
    await control(emu, 'clock', { advanceMs: 25 * 3600_000 });
    const refreshed = await tokenRequest(emu, f, { grant_type: 'refresh_token', refresh_token: t.refresh_token });
    expect(refreshed.json<{ error_codes: number[] }>().error_codes).toEqual([700084]);
    const again = flow();
    const res = await emuFetch(emu, again.authorizeUrl({ prompt: 'none' }), { headers: { cookie: session } });
    const renewed = await redeem(emu, again, fragment(res.headers.location).code ?? '');
    expect(renewed.status).toBe(200);
  });
});

describe('a B2B guest', () => {
  it('has its home account in client_info and this tenant’s object id in the tokens', async () => {
    const f = flow();
    const res = await signInAs(emu, f, GUEST);
    const t = (await redeem(emu, f, fragment(res.headers.location).code ?? '')).json<TokenResponse>();
    const info = JSON.parse(Buffer.from(t.client_info, 'base64url').toString());
    expect(info).toEqual({ uid: GUEST_HOME.objectId, utid: GUEST_HOME.tenantId });
    const id = decodeJwt(t.id_token);
    const at = decodeJwt(t.access_token);
    expect([id.oid, id.tid, at.oid, at.tid, at.acct]).toEqual([GUEST, TENANT_ID, GUEST, TENANT_ID, 1]);
  });
});
