import { setTimeout as wait } from 'node:timers/promises';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../emulator/request-log.ts';
import { type Emulator, startEmulator } from '../../emulator/server.ts';
import { control } from '../../emulator/test-client.ts';
import type { JourneyPage } from '../journey/driver.ts';
import { ADELE } from '../stack.ts';
import { firefoxPage } from './driver.ts';
import { type FirefoxSession, launchFirefox } from './harness.ts';

// Firefox's background is an event page that Firefox unloads after `extensions.background.idle.timeout`
// of idleness (30 s by default; 1 s here), and MSAL lives in it (no offscreen documents in Firefox).
// A user can take minutes in the sign-in window, after the popup that started it has closed.

const IDLE_MS = 1_000;

let emu: Emulator;
let ff: FirefoxSession;
let optionsPage: Page;
let options: JourneyPage;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, scenario: 'demo' });
  ff = await launchFirefox({
    emulator: { port: emu.port, certPem: emu.certPem },
    managed: { tenant: emu.tenantId, clientId: emu.clientId },
    prefs: { 'extensions.background.idle.timeout': IDLE_MS },
  });
  optionsPage = await ff.openPage('src/options/index.html');
  options = firefoxPage(optionsPage, ff);
});
afterAll(async () => {
  await ff?.close();
  await emu?.close();
});

interface Diagnostics {
  workerStarts: number;
  recent: Array<{ kind: string; name?: string }>;
}
/** The background's record of its starts and alarms (src/background/diagnostics.ts), read from storage: it does not wake it. */
const diagnostics = () =>
  optionsPage.evaluate(async () => (await browser.storage.local.get('diag:events'))['diag:events'] as Diagnostics);

const stopped = () => expect.poll(() => ff.backgroundState(), { timeout: 15_000 }).toBe('stopped');

describe('Firefox: the event page and a long sign-in', () => {
  it('sleeps when idle', async () => {
    expect((await options.ask<{ configured: boolean }>('getAuthState', undefined)).value?.configured).toBe(true);
    await stopped();
  });

  it('a sign-in started from the popup completes after the popup closed, however long the window stays open', async () => {
    await control(emu, '/settings', { autoSignIn: null });
    const popup = firefoxPage(await ff.openPage('src/popup/index.html'), ff);
    // The popup closes as the sign-in window takes the focus: its message never gets an answer.
    void popup.ask('signIn', {}).catch(() => undefined);
    const target = await ff.browser.waitForTarget((t) => t.url().includes('/oauth2/v2.0/authorize'), {
      timeout: 15_000,
    });
    const window = await target.page();
    await popup.close();
    // What is tested is that time passing does nothing, so time has to pass: several idle timeouts
    // with the window open and the popup gone, and the event page (MSAL's PKCE state with it) stays.
    await wait(5 * IDLE_MS);
    expect(await ff.backgroundState()).toBe('running');
    await window?.locator('::-p-text(Adele Vance)').click();
    await expect
      .poll(async () => (await options.ask<{ active?: { id: string } }>('getAuthState', undefined)).value?.active?.id, {
        timeout: 15_000,
      })
      .toBe(`${ADELE}.${emu.tenantId}`);
    // Once the flow is done, the page sleeps again.
    await stopped();
  });

  it('an alarm wakes the sleeping page, which handles it (the watcher’s badge and notifications depend on it)', async () => {
    await stopped();
    const before = await diagnostics();
    // From the options page, as support would schedule a probe: no message reaches the background.
    await optionsPage.evaluate(() => browser.alarms.create('diag:probe', { when: Date.now() + 500 }));
    await expect
      .poll(
        async () =>
          (await diagnostics()).recent.slice(before.recent.length).map((e) => e.kind + (e.name ? ` ${e.name}` : '')),
        {
          timeout: 15_000,
        },
      )
      .toEqual(['worker-start', 'alarm diag:probe']);
    expect((await diagnostics()).workerStarts).toBe(before.workerStarts + 1);
  });

  it('a refresh after it slept renews the token from Entra’s session, with no window', async () => {
    await stopped();
    await control(emu, '/log', undefined, 'DELETE');
    expect(await options.ask('refresh', { force: true })).toMatchObject({ ok: true });
    const log = await control<LogEntry[]>(emu, '/log');
    // Endpoint and prompt of each authority request, e.g. "authorize prompt=none 302".
    const authority = log
      .filter((l) => l.area === 'authority')
      .map((l) => {
        const url = new URL(l.path, 'https://login.microsoftonline.com');
        const prompt = url.searchParams.get('prompt');
        return [url.pathname.split('/').at(-1), prompt && `prompt=${prompt}`, l.status].filter(Boolean).join(' ');
      });
    expect(authority).toEqual(['authorize prompt=none 302', 'token 200']);
  });
});
