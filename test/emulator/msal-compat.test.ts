import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN, APP_REDIRECT, type MsalApp, startMsalApp } from './msal-page.ts';
import { type Emulator, startEmulator } from './server.ts';
import { control } from './test-client.ts';
import { ALICE, echoGraph, testScenario } from './test-fixture.ts';

/** The real MSAL 5 in headless Chromium against the emulator: it must not be able to tell it from Entra. */
type Summary = { username: string; fromCache: boolean; accessToken: string } | null;
type Pca = {
  getAllAccounts(): unknown[];
  loginRedirect(request: object): Promise<void>;
  acquireTokenRedirect(request: object): Promise<void>;
  acquireTokenSilent(request: object): Promise<{ fromCache: boolean; accessToken: string }>;
};
type Win = { pca: Pca; ready: Promise<Summary>; __claims?: string };

const SCOPES = ['https://graph.microsoft.com/PrivilegedEligibilitySchedule.Read.AzureADGroup'];
const ACRS_C1 = JSON.stringify({ access_token: { acrs: { essential: true, value: 'c1' } } });
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString());

let emu: Emulator;
let app: MsalApp;
let ctx: BrowserContext;
let page: Page;

beforeAll(async () => {
  const scenario = structuredClone(testScenario);
  delete scenario.startTime; // MSAL compares token times with the browser's real clock
  scenario.clients[0]?.redirectUris.push(APP_REDIRECT);
  [emu, app] = await Promise.all([startEmulator({ scenario, createGraph: () => echoGraph() }), startMsalApp()]);
  const map = ['login.microsoftonline.com', 'graph.microsoft.com'].map((h) => `MAP ${h} 127.0.0.1:${emu.port}`);
  ctx = await chromium.launchPersistentContext('', {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      `--host-resolver-rules=${[...map, `MAP app.test 127.0.0.1:${app.port}`].join(', ')}`,
      `--ignore-certificate-errors-spki-list=${emu.spki},${app.spki}`,
    ],
  });
  page = ctx.pages()[0] ?? (await ctx.newPage());
}, 60_000);
afterAll(async () => {
  await ctx?.close();
  await Promise.all([emu?.close(), app?.close()]);
});
beforeEach(async () => {
  await control(emu, 'reset', {});
  await ctx.clearCookies();
  const cfg = encodeURIComponent(JSON.stringify({ clientId: emu.clientId, tenantId: emu.tenantId }));
  await page.goto('about:blank');
  await page.goto(`${APP_ORIGIN}/?cfg=${cfg}`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.evaluate(() => (window as unknown as Win).ready);
});

/** Starts a redirect flow in the page and resolves with handleRedirectPromise's result after the return. */
async function redirectFlow(start: (w: Win, scopes: string[]) => void): Promise<Summary> {
  const back = page.waitForURL((u) => u.origin === APP_ORIGIN && /[#&]code=/.test(u.hash), { timeout: 15_000 });
  // Not awaited inside the page: the navigation it starts would destroy the evaluation context.
  await page.evaluate(`(${start.toString()})(window, ${JSON.stringify(SCOPES)}); undefined`);
  await back;
  return page.evaluate(() => (window as unknown as Win).ready);
}

describe('MSAL 5 against the emulator', () => {
  it('loginRedirect, then silent from cache, then a refresh-token renewal', async () => {
    await control(emu, 'settings', { autoSignIn: ALICE });
    const login = await redirectFlow((w, scopes) => w.pca.loginRedirect({ scopes }));
    expect(login?.username).toBe('alice@contoso.onmicrosoft.com');
    const silent = await page.evaluate(async (scopes) => {
      const w = window as unknown as Win;
      const account = w.pca.getAllAccounts()[0];
      const cached = await w.pca.acquireTokenSilent({ scopes, account });
      const renewed = await w.pca.acquireTokenSilent({ scopes, account, forceRefresh: true });
      return [cached.fromCache, renewed.fromCache, cached.accessToken !== renewed.accessToken];
    }, SCOPES);
    expect(silent).toEqual([true, false, true]);
  });

  it('step-up: silent with acrs claims is interaction_required; the redirect returns an acrs token; Graph accepts it', async () => {
    await control(emu, 'settings', { autoSignIn: ALICE, autoApproveMfa: true });
    await redirectFlow((w, scopes) => w.pca.loginRedirect({ scopes }));
    const err = await page.evaluate(
      async ([scopes, claims]) => {
        const w = window as unknown as Win;
        try {
          await w.pca.acquireTokenSilent({ scopes, claims, account: w.pca.getAllAccounts()[0] });
          return 'no error';
        } catch (e) {
          return (e as Error).name;
        }
      },
      [SCOPES, ACRS_C1] as const,
    );
    expect(err).toBe('InteractionRequiredAuthError');
    await page.evaluate(`window.__claims = ${JSON.stringify(ACRS_C1)}`);
    const stepped = await redirectFlow((w, scopes) => w.pca.acquireTokenRedirect({ scopes, claims: w.__claims }));
    const at = claimsOf(stepped?.accessToken ?? '');
    expect([at.acrs, at.amr, at.xms_cc]).toEqual([['c1'], ['pwd', 'mfa'], ['cp1']]);
    const me = await page.evaluate(async (token) => {
      const r = await fetch('https://graph.microsoft.com/v1.0/me', { headers: { authorization: `Bearer ${token}` } });
      return r.status;
    }, stepped?.accessToken ?? '');
    expect(me).toBe(200);
  });

  it('interactive: the account picker and the MFA page work by clicking; CAE challenge is readable cross-origin', async () => {
    await page.evaluate(() => {
      const w = window as unknown as Win;
      void w.pca.loginRedirect({
        scopes: [],
        claims: JSON.stringify({ access_token: { acrs: { essential: true, values: ['p1'] } } }),
      });
    });
    await page.getByRole('button', { name: /Bob Builder/ }).click();
    await page.getByRole('heading', { name: 'Approve sign-in request' }).waitFor();
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL((u) => u.origin === APP_ORIGIN);
    const bob = await page.evaluate(() => (window as unknown as Win).ready);
    expect(bob?.username).toBe('bob@contoso.onmicrosoft.com');
    expect(claimsOf(bob?.accessToken ?? '').amr).toEqual(['pwd', 'mfa']);
    await control(emu, 'revoke', { userId: 'bob@contoso.onmicrosoft.com' });
    const www = await page.evaluate(async (token) => {
      const r = await fetch('https://graph.microsoft.com/v1.0/me', { headers: { authorization: `Bearer ${token}` } });
      return [r.status, r.headers.get('www-authenticate')];
    }, bob?.accessToken ?? '');
    expect(www[0]).toBe(401);
    expect(www[1]).toContain('error="insufficient_claims"');
  });
});
