import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeShareCode, presetSetOf } from '../../src/core/presets/codec.ts';
import type { Preset } from '../../src/core/presets/schema.ts';
import { loginHint } from '../emulator/authority/mint.ts';
import { loadScenario } from '../emulator/scenarios/index.ts';
import { control } from '../emulator/test-client.ts';
import { clearLog, GROUPS } from './emulator-kit.ts';
import { ADELE, ask, type Stack, startSignedIn } from './stack.ts';

// "Sign out and in" as Entra documents it: the v2 logout in the auth window with client_id and the
// extension's registered redirect URI, back in the extension, then the app page the user set. A
// shared preset can only suggest an app page: shown in the import review, used only when ticked.

const MY_PAGE = 'https://apps.contoso-demo.example/start';
const LOOK_ALIKE = 'https://myapps.micros0ft.example/signin';
const SQL = GROUPS.sqlAdmins;
const SQL_KEY = `${SQL.id}:member`;

let stack: Stack;
let page: Page;
beforeAll(async () => {
  ({ stack, page } = await startSignedIn());
  await stack.ext.context.route(APP_HOSTS, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>An app</title><h1>An app</h1>' }),
  );
  expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
});
afterAll(async () => {
  await stack?.close();
});

/** What the notification's "Sign out and in" button runs, from the worker. */
const signOutAndIn = (key: string) =>
  stack.ext.worker.evaluate(
    (key) =>
      (
        globalThis as unknown as { pim: { signOutAndIn(k: string): Promise<{ logoutUrl: string; page: string }> } }
      ).pim.signOutAndIn(key),
    key,
  );

/** The app pages open in the browser (the test answers for their hosts: nothing here reaches the internet). */
const APP_HOSTS = /^https:\/\/(apps\.contoso-demo\.example|myapps\.micros0ft\.example|portal\.azure\.com)\//;
const otherTabs = () =>
  stack.ext.context
    .pages()
    .map((p) => p.url())
    .filter((u) => APP_HOSTS.test(u));

async function closeOtherTabs() {
  await Promise.all(
    stack.ext.context
      .pages()
      .filter((p) => APP_HOSTS.test(p.url()))
      .map((p) => p.close()),
  );
}

const logoutRequests = async () =>
  (await control<Array<{ path: string; status: number }>>(stack.emu, '/log')).filter((l) =>
    l.path.includes('/oauth2/v2.0/logout'),
  );

async function importCode(presets: Preset[]): Promise<ReturnType<Page['getByRole']>> {
  const code = await encodeShareCode(presetSetOf(presets, { tenantId: stack.emu.tenantId, now: Date.now() }));
  await page.getByLabel('Paste a share code').fill(code);
  await page.getByRole('button', { name: 'Review share code' }).click();
  const review = page.getByRole('region', { name: 'Review the import' });
  await review.waitFor();
  return review;
}

const storedPresets = () =>
  page.evaluate(
    async () =>
      (await chrome.storage.local.get('presets:mine'))['presets:mine'] as Array<{
        id: string;
        name: string;
        appUrl?: string;
      }>,
  );

const sharedPreset = (name: string, appUrl: string): Preset => ({
  id: crypto.randomUUID(),
  name,
  entries: [{ groupId: SQL.id, accessId: 'member' }],
  durationMinutes: 60,
  justification: 'Patch night',
  appUrl,
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
  tenantId: stack.emu.tenantId,
});

describe('sign out and in', () => {
  it("runs Entra's logout with client_id and the extension's redirect URI, returns, and opens the user's page", async () => {
    // The user's own app page, on the options page.
    await page.locator('#notify-app-url').fill(MY_PAGE);
    await page.locator('#notify-app-url').blur();
    await expect
      .poll(() => page.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null))))
      .toContain(MY_PAGE);
    await clearLog(stack);
    await closeOtherTabs();

    const result = await signOutAndIn(SQL_KEY);
    const redirect = `https://${stack.ext.extensionId}.chromiumapp.org/`;
    expect(Object.fromEntries(new URL(result.logoutUrl).searchParams)).toEqual({
      client_id: stack.emu.clientId,
      post_logout_redirect_uri: redirect,
    });
    // Entra's answer went back to the extension (a redirect to its own URI), not to a page.
    const logouts = await logoutRequests();
    expect(logouts.map((l) => l.status)).toEqual([302]);
    expect(result.page).toBe(MY_PAGE);
    await expect.poll(otherTabs, { timeout: 10_000 }).toEqual([MY_PAGE]);
  });

  it('an imported app page is shown in the review with its host, and never used unless ticked', async () => {
    await closeOtherTabs();
    const review = await importCode([sharedPreset('Shared: SQL patch night', LOOK_ALIKE)]);
    const suggestion = review.getByRole('checkbox', {
      name: "Open myapps.micros0ft.example after “Sign out and in” for this preset's groups",
    });
    expect(await suggestion.isChecked()).toBe(false);
    expect(await review.textContent()).toContain(`(${LOOK_ALIKE})`);
    await review.getByRole('button', { name: 'Import 1' }).click();
    await expect
      .poll(async () => (await storedPresets())?.map((p) => [p.name, p.appUrl]))
      .toEqual([['Shared: SQL patch night', undefined]]);

    // Applied, and then "Sign out and in" for its group: the user's page, not the suggestion.
    const imported = (await storedPresets())[0]?.id as string;
    expect((await ask(page, 'applyPreset', { presetRef: `mine:${imported}` })).ok).toBe(true);
    expect((await signOutAndIn(SQL_KEY)).page).toBe(MY_PAGE);
    await expect.poll(otherTabs, { timeout: 10_000 }).toEqual([MY_PAGE]);
  });

  it('a ticked suggestion is the page for the groups that preset activated', async () => {
    await closeOtherTabs();
    const review = await importCode([sharedPreset('Shared: SQL via portal', 'https://portal.azure.com/')]);
    await review.getByRole('checkbox', { name: /^Open portal\.azure\.com after/ }).check();
    await review.getByRole('button', { name: 'Import 1' }).click();
    await expect
      .poll(async () => (await storedPresets())?.map((p) => [p.name, p.appUrl]))
      .toEqual([
        ['Shared: SQL patch night', undefined],
        ['Shared: SQL via portal', 'https://portal.azure.com/'],
      ]);
    const imported = (await storedPresets())[1]?.id as string;
    expect((await ask(page, 'applyPreset', { presetRef: `mine:${imported}` })).ok).toBe(true);
    expect((await signOutAndIn(SQL_KEY)).page).toBe('https://portal.azure.com/');
    await expect.poll(otherTabs, { timeout: 10_000 }).toEqual(['https://portal.azure.com/']);
  });

  it("sends logout_hint when the app registration adds the login_hint claim: the claim's value, not the user name", async () => {
    // The organisation adds the optional claim; Adele signs in again, so her id token carries it.
    const demo = loadScenario('demo');
    await control(stack.emu, '/reset', {
      scenario: {
        ...demo,
        clients: demo.clients.map((c, i) => (i === 0 ? { ...c, idTokenOptionalClaims: ['login_hint'] } : c)),
      },
    });
    await control(stack.emu, '/settings', { autoSignIn: ADELE, autoApproveMfa: true });
    expect((await ask(page, 'signIn', { prompt: 'select_account' })).ok).toBe(true);
    await closeOtherTabs();
    const { logoutUrl } = await signOutAndIn(SQL_KEY);
    expect(Object.fromEntries(new URL(logoutUrl).searchParams)).toEqual({
      client_id: stack.emu.clientId,
      post_logout_redirect_uri: `https://${stack.ext.extensionId}.chromiumapp.org/`,
      logout_hint: loginHint(ADELE, stack.emu.tenantId),
    });
  });

  it('Entra (the emulator) signs out but never redirects to an address the app did not register', async () => {
    const tab = await stack.ext.context.newPage();
    const logout = new URL(`https://login.microsoftonline.com/${stack.emu.tenantId}/oauth2/v2.0/logout`);
    logout.searchParams.set('client_id', stack.emu.clientId);
    logout.searchParams.set('post_logout_redirect_uri', LOOK_ALIKE);
    await tab.goto(logout.toString());
    expect(tab.url()).toBe(logout.toString());
    expect(await tab.getByRole('heading').textContent()).toBe('You have signed out of your account');
    await tab.close();
  });
});
