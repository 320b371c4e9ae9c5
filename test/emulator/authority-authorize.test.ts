import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './server.ts';
import { emuFetch } from './test-client.ts';
import { ALICE, BOB, CLIENT_ID, echoGraph, REDIRECT_URI, testScenario } from './test-fixture.ts';
import { cookieOf, fragment, newFlow, signInAs } from './test-oauth.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ scenario: testScenario, createGraph: () => echoGraph() });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const flow = () => newFlow(emu, { redirectUri: REDIRECT_URI });

describe('authorize: errors shown as a page (redirect URI not trusted yet)', () => {
  it('unknown tenant → AADSTS90002', async () => {
    const res = await emuFetch(emu, newFlow(emu, { redirectUri: REDIRECT_URI, tenant: 'nope.example' }).authorizeUrl());
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text()).toContain("AADSTS90002: Tenant 'nope.example' not found.");
  });
  it('unknown client → AADSTS700016', async () => {
    const res = await emuFetch(emu, flow().authorizeUrl({ client_id: 'ffffffff-0000-0000-0000-000000000000' }));
    expect(res.text()).toContain(
      `AADSTS700016: Application with identifier 'ffffffff-0000-0000-0000-000000000000' was not found in the directory '${emu.tenantId}'.`,
    );
  });
  it('unregistered redirect URI → AADSTS50011', async () => {
    const res = await emuFetch(emu, flow().authorizeUrl({ redirect_uri: 'https://evil.example/' }));
    expect(res.status).toBe(200);
    expect(res.text()).toContain(
      `AADSTS50011: The redirect URI 'https://evil.example/' specified in the request does not match the redirect URIs configured for the application '${emu.clientId}'.`,
    );
    expect(res.headers.location).toBeUndefined();
  });
  it('accepts the tenant domain and common as authority', async () => {
    for (const tenant of ['contoso.onmicrosoft.com', 'common', 'organizations']) {
      const res = await emuFetch(emu, newFlow(emu, { redirectUri: REDIRECT_URI, tenant }).authorizeUrl());
      expect(res.status, tenant).toBe(200);
      expect(res.text()).toContain('Pick an account');
    }
  });
});

describe('authorize: errors returned to the redirect URI', () => {
  const cases: Array<[string, Record<string, string>, string, string]> = [
    ['response_type token', { response_type: 'token' }, 'unsupported_response_type', 'AADSTS700054'],
    ['missing PKCE', { code_challenge: '' }, 'invalid_request', 'AADSTS9002325'],
    ['plain PKCE', { code_challenge_method: 'plain' }, 'invalid_request', 'AADSTS9002325'],
    ['invalid claims JSON', { claims: '{nope' }, 'invalid_request', 'AADSTS90100'],
  ];
  it.each(cases)('%s', async (_name, extra, error, code) => {
    const f = flow();
    const res = await emuFetch(emu, f.authorizeUrl(extra));
    expect(res.status).toBe(302);
    expect(res.headers.location?.startsWith(`${REDIRECT_URI}#`)).toBe(true);
    const p = fragment(res.headers.location);
    expect(p.error).toBe(error);
    expect(p.error_description).toMatch(new RegExp(`^${code}: `));
    expect(p.state).toBe(f.params.state);
  });

  it('scopes without consent → consent_required AADSTS65001 after sign-in', async () => {
    const f = newFlow(emu, {
      redirectUri: REDIRECT_URI,
      scope: 'https://graph.microsoft.com/Directory.ReadWrite.All openid',
    });
    const res = await signInAs(emu, f, ALICE);
    const p = fragment(res.headers.location);
    expect(p.error).toBe('consent_required');
    expect(p.error_description).toContain(
      `AADSTS65001: The user or administrator has not consented to use the application with ID '${emu.clientId}' named 'PIM Companion'. Send an interactive authorization request for this user and resource.`,
    );
    expect(p.state).toBe(f.params.state);
  });

  it('response_mode=query puts the answer in the query string', async () => {
    const f = newFlow(emu, { redirectUri: REDIRECT_URI, extra: { response_mode: 'query' } });
    const res = await signInAs(emu, f, ALICE);
    const u = new URL(res.headers.location ?? '');
    expect(u.hash).toBe('');
    expect(u.searchParams.get('code')).toBeTruthy();
    expect(u.searchParams.get('state')).toBe(f.params.state);
  });
});

describe('sign-in page and session', () => {
  it('lists the users as buttons in a form that repeats the request', async () => {
    const f = flow();
    const html = (await emuFetch(emu, f.authorizeUrl())).text();
    expect(html).toContain('<form method="post" action="/');
    expect(html).toContain(
      `<button type="submit" name="emu_user" value="${ALICE}">Alice Admin (alice@contoso.onmicrosoft.com)</button>`,
    );
    expect(html).toContain(`name="emu_user" value="${BOB}"`);
    expect(html).toContain(`name="code_challenge" value="${f.params.code_challenge}"`);
    expect(html).not.toMatch(/<(script|link|img)\b/);
  });

  it('choosing a user redirects with code, client_info, state and sets a secure session cookie', async () => {
    const f = flow();
    const res = await signInAs(emu, f, ALICE);
    expect(res.status).toBe(302);
    const p = fragment(res.headers.location);
    expect(p.code).toBeTruthy();
    expect(p.state).toBe(f.params.state);
    expect(JSON.parse(Buffer.from(p.client_info ?? '', 'base64url').toString())).toEqual({
      uid: ALICE,
      utid: emu.tenantId,
    });
    const cookie = res.cookies.find((c) => c.startsWith('ESTSAUTH='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/secure/i);
    expect(cookie).toMatch(/SameSite=None/);
    expect(cookie).toMatch(/path=\//);
  });

  it('with a session: straight back with a code; prompt=login or select_account shows the picker again', async () => {
    const cookie = cookieOf(await signInAs(emu, flow(), BOB));
    const again = await emuFetch(emu, flow().authorizeUrl(), { headers: { cookie } });
    expect(fragment(again.headers.location).code).toBeTruthy();
    for (const prompt of ['login', 'select_account']) {
      const res = await emuFetch(emu, flow().authorizeUrl({ prompt }), { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.text()).toContain('Pick an account');
    }
  });

  it('prompt=none: login_required without a session, a code with one', async () => {
    const none = await emuFetch(emu, flow().authorizeUrl({ prompt: 'none' }));
    const p = fragment(none.headers.location);
    expect(p.error).toBe('login_required');
    expect(p.error_description).toMatch(/^AADSTS50058: /);
    const cookie = cookieOf(await signInAs(emu, flow(), ALICE));
    const ok = await emuFetch(emu, flow().authorizeUrl({ prompt: 'none' }), { headers: { cookie } });
    expect(fragment(ok.headers.location).code).toBeTruthy();
  });

  it('login_hint puts that user first', async () => {
    const html = (await emuFetch(emu, flow().authorizeUrl({ login_hint: 'bob@contoso.onmicrosoft.com' }))).text();
    expect(html.indexOf(BOB)).toBeLessThan(html.indexOf(ALICE));
  });

  it('autoSignIn at the account picker: that user picks their own account, not the session of another', async () => {
    const cookie = cookieOf(await signInAs(emu, flow(), ALICE));
    await emuFetch(emu, '/_emulator/settings', { method: 'POST', body: { autoSignIn: BOB } });
    const clientInfo = (uid: string) => Buffer.from(JSON.stringify({ uid, utid: emu.tenantId })).toString('base64url');
    const picked = await emuFetch(emu, flow().authorizeUrl({ prompt: 'select_account' }), { headers: { cookie } });
    expect(fragment(picked.headers.location).client_info).toBe(clientInfo(BOB));
    // Without a prompt the browser's session goes on (Entra's single sign-on), whoever autoSignIn names.
    const sso = await emuFetch(emu, flow().authorizeUrl(), { headers: { cookie } });
    expect(fragment(sso.headers.location).client_info).toBe(clientInfo(ALICE));
  });

  it('autoSignIn behaves as a session for that user', async () => {
    await emuFetch(emu, '/_emulator/settings', { method: 'POST', body: { autoSignIn: BOB } });
    const res = await emuFetch(emu, flow().authorizeUrl({ prompt: 'select_account' }));
    expect(fragment(res.headers.location).client_info).toBe(
      Buffer.from(JSON.stringify({ uid: BOB, utid: emu.tenantId })).toString('base64url'),
    );
  });
});

describe('logout', () => {
  const logout = (params: Record<string, string>) =>
    `/${emu.tenantId}/oauth2/v2.0/logout?${new URLSearchParams(params).toString()}`;

  it('ends the session and returns to a post_logout_redirect_uri registered on the app named by client_id', async () => {
    const cookie = cookieOf(await signInAs(emu, flow(), ALICE));
    const out = await emuFetch(emu, logout({ client_id: CLIENT_ID, post_logout_redirect_uri: REDIRECT_URI }), {
      headers: { cookie },
    });
    expect(out.status).toBe(302);
    expect(out.headers.location).toBe(REDIRECT_URI);
    expect(out.cookies.some((c) => /^ESTSAUTH=;/.test(c) && /expires=Thu, 01 Jan 1970/.test(c))).toBe(true);
    const after = await emuFetch(emu, flow().authorizeUrl({ prompt: 'none' }), { headers: { cookie } });
    expect(fragment(after.headers.location).error).toBe('login_required');
  });

  it('passes state back to the registered address', async () => {
    const out = await emuFetch(
      emu,
      logout({ client_id: CLIENT_ID, post_logout_redirect_uri: REDIRECT_URI, state: 'a b' }),
    );
    expect(out.headers.location).toBe(`${REDIRECT_URI}?state=a%20b`);
  });

  it.each([
    [
      'an address the app does not list',
      { client_id: CLIENT_ID, post_logout_redirect_uri: 'https://look-alike.example/' },
    ],
    ['a registered address without client_id', { post_logout_redirect_uri: REDIRECT_URI }],
    [
      'a registered address with an unknown client_id',
      { client_id: '00000000-0000-0000-0000-000000000000', post_logout_redirect_uri: REDIRECT_URI },
    ],
    ['a near miss of the registered address', { client_id: CLIENT_ID, post_logout_redirect_uri: `${REDIRECT_URI}x` }],
    ['no address', {}],
  ])('%s: signs out and shows the signed-out page, no redirect', async (_case, params) => {
    const cookie = cookieOf(await signInAs(emu, flow(), ALICE));
    const out = await emuFetch(emu, logout(params), { headers: { cookie } });
    expect(out.status).toBe(200);
    expect(out.headers.location).toBeUndefined();
    expect(out.text()).toContain('You have signed out');
    const after = await emuFetch(emu, flow().authorizeUrl({ prompt: 'none' }), { headers: { cookie } });
    expect(fragment(after.headers.location).error).toBe('login_required');
  });
});
