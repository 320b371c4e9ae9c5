import type { Page, Target } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../emulator/request-log.ts';
import { type Emulator, startEmulator } from '../../emulator/server.ts';
import { control } from '../../emulator/test-client.ts';
import type { JourneyPage } from '../journey/driver.ts';
import { ADELE } from '../stack.ts';
import { FIREFOX_REDIRECT_URI, firefoxPage } from './driver.ts';
import { type FirefoxSession, launchFirefox } from './harness.ts';

// What only Firefox does differently around sign-in: a user without enterprise policy configures
// the add-on on the options page, and launchWebAuthFlow's window (a normal Firefox window here,
// opened after Firefox's own first try without one) is clicked in or closed by the user.

let emu: Emulator;
let ff: FirefoxSession;
let options: JourneyPage;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, scenario: 'demo' });
  ff = await launchFirefox({ emulator: { port: emu.port, certPem: emu.certPem } });
  options = firefoxPage(await ff.openPage('src/options/index.html'), ff);
});
afterAll(async () => {
  await ff?.close();
  await emu?.close();
});

/** The authority requests since the log was cleared: method, endpoint and status. */
async function authorityCalls(): Promise<string[]> {
  const log = await control<LogEntry[]>(emu, '/log');
  return (
    log
      // The window's own favicon request is the browser's, not the flow's.
      .filter((l) => l.area === 'authority' && !l.path.startsWith('/favicon.ico'))
      .map((l) => `${l.method} ${new URL(l.path, 'https://x').pathname.split('/').at(-1)} ${l.status}`)
  );
}

/** The sign-in window Firefox opens for the flow, once it shows the authorize page. */
async function signInWindow(): Promise<Page> {
  const target: Target = await ff.browser.waitForTarget((t) => t.url().includes('/oauth2/v2.0/authorize'), {
    timeout: 15_000,
  });
  const page = await target.page();
  if (!page) throw new Error('the sign-in window is not a page');
  return page;
}

describe('Firefox: configured on the options page, signed in through the window', () => {
  it('without a policy, the options page configures the add-on', async () => {
    expect((await options.ask('getAuthState', undefined)).value).toEqual({
      configured: false,
      accounts: [],
      redirectUri: FIREFOX_REDIRECT_URI,
    });
    await options.fill('Tenant', emu.tenantId);
    await options.fill('Application (client) ID', emu.clientId);
    await options.clickButton('Save');
    await expect
      .poll(async () => (await options.ask<{ configured: boolean }>('getAuthState', undefined)).value?.configured)
      .toBe(true);
  });

  it('signs in with the account clicked in the window', async () => {
    await control(emu, '/settings', { autoSignIn: null });
    await control(emu, '/log', undefined, 'DELETE');
    const reply = options.ask<{ name: string }>('signIn', {});
    const window = await signInWindow();
    await window.locator('::-p-text(Adele Vance)').click();
    expect(await reply).toMatchObject({ ok: true, value: { name: 'Adele Vance' } });
    // Firefox first loads the authorize URL without a window (a redirect would finish there), then
    // in the window; the click posts the account, and the code is redeemed.
    expect(await authorityCalls()).toEqual([
      'GET authorize 200',
      'GET authorize 200',
      'POST authorize 302',
      'POST token 200',
    ]);
  });

  it('says so when the user closes the window', async () => {
    const reply = options.ask('signIn', { prompt: 'select_account' });
    const window = await signInWindow();
    await window.close();
    // Firefox's own words ("User cancelled or denied access.") become the extension's sentence.
    expect(await reply).toEqual({
      ok: false,
      error: { code: 'auth-cancelled', message: 'Sign-in was cancelled. Choose Sign in to try again.' },
    });
    // Still signed in as before.
    const state = await options.ask<{ active?: { id: string } }>('getAuthState', undefined);
    expect(state.value?.active?.id).toBe(`${ADELE}.${emu.tenantId}`);
  });

  it('after a closed window, the next sign-in opens a window again and completes (no "interaction in progress")', async () => {
    const reply = options.ask<{ name: string }>('signIn', { prompt: 'select_account' });
    const window = await signInWindow();
    await window.locator('::-p-text(Alex Wilber)').click();
    expect(await reply).toMatchObject({ ok: true, value: { name: 'Alex Wilber' } });
  });
});
