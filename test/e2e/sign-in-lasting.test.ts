import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../emulator/server.ts';
import { control } from '../emulator/test-client.ts';
import { clearLog } from './emulator-kit.ts';
import { type ExtensionSession, launchExtension } from './harness.ts';
import { applyManagedPolicy } from './policy.ts';
import { ADELE, ask, type Stack, signInAs } from './stack.ts';

// A real user's day: the auth host torn down, a day passing, the browser restarted with the same
// profile, the session revoked. MSAL's cache lives in memory only; what lasts is Entra's session.

const SESSION_ENDED = 'Your Microsoft sign-in has ended. Sign in again to see current information and activate groups.';
const DAY_AND_AN_HOUR_MS = 25 * 3600_000;

let emu: Emulator;
let ext: ExtensionSession;
let options: Page;
let profile: string;
/** Pages Chromium opened by itself (sign-in windows) since the last launch. */
let windows: Page[] = [];

async function launch(): Promise<void> {
  ext = await launchExtension({ emulator: { port: emu.port, spki: emu.spki }, userDataDir: profile });
  windows = [];
  ext.context.on('page', (p) => windows.push(p));
  await applyManagedPolicy(ext, { tenant: emu.tenantId, clientId: emu.clientId });
  options = await ext.openOptions();
  windows = [];
}

const stack = (): Stack => ({ emu, ext, close: async () => undefined });

beforeAll(async () => {
  emu = await startEmulator({ port: 0, scenario: 'demo' });
  profile = await mkdtemp(join(tmpdir(), 'pim-profile-'));
  await launch();
  await signInAs(stack(), options, ADELE);
});
afterAll(async () => {
  await ext?.close();
  await emu?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

interface RefreshStatus {
  refreshing: boolean;
  lastSuccessMs: number;
  error?: string;
}
const refreshStatus = () =>
  options.evaluate(
    async () =>
      ((await chrome.storage.session.get('session:refresh'))['session:refresh'] ?? null) as RefreshStatus | null,
  );

/** A refresh the way the popup asks for one, and what it left in the refresh status. */
async function refreshNow(): Promise<RefreshStatus | null> {
  const before = Date.now();
  expect(await ask(options, 'refresh', { force: true })).toMatchObject({ ok: true });
  await expect.poll(async () => (await refreshStatus())?.refreshing, { timeout: 20_000 }).toBe(false);
  const status = await refreshStatus();
  if (!status?.error) expect(status?.lastSuccessMs).toBeGreaterThanOrEqual(before);
  return status;
}

/** The authority requests since the log was cleared: endpoint, prompt and status. */
async function authorityCalls(): Promise<string[]> {
  const log = await control<Array<{ method: string; path: string; status: number; area: string }>>(emu, '/log');
  return log
    .filter((l) => l.area === 'authority')
    .map((l) => {
      const url = new URL(l.path, 'https://login.microsoftonline.com');
      const endpoint = url.pathname.split('/').at(-1) ?? '';
      const prompt = url.searchParams.get('prompt');
      return `${endpoint}${prompt ? ` prompt=${prompt}` : ''} ${l.status}`;
    });
}

const closeAuthHost = () => ext.worker.evaluate(() => chrome.offscreen.closeDocument());

describe('sign-in that lasts', () => {
  it('renews with no window after the auth host was closed and the worker stopped', async () => {
    await closeAuthHost();
    await ext.stopServiceWorker();
    await clearLog(stack());
    expect(await refreshNow()).not.toHaveProperty('error');
    // MSAL's memory went with the auth host: the token comes from Entra's session through prompt=none.
    expect(await authorityCalls()).toEqual(['authorize prompt=none 302', 'token 200']);
    expect(windows).toHaveLength(0);
  });

  it('renews with no window 25 hours later, past the SPA refresh token’s 24 hours, while the session lives', async () => {
    await control(emu, '/clock', { advanceMs: DAY_AND_AN_HOUR_MS });
    await clearLog(stack());
    expect(await refreshNow()).not.toHaveProperty('error');
    // Graph refuses the expired access token; the refresh token is past its fixed 24 h (AADSTS700084).
    expect(await authorityCalls()).toEqual(['token 400', 'authorize prompt=none 302', 'token 200']);
    expect(windows).toHaveLength(0);
  });

  it('after a browser restart without "Stay signed in": one clear Sign in state, never the network sentence', async () => {
    await ext.close();
    await launch();
    await clearLog(stack());
    expect((await refreshNow())?.error).toBe(SESSION_ENDED);
    expect(await authorityCalls()).toEqual(['authorize prompt=none 302']);

    const popup = await ext.openPopup();
    await expect.poll(() => popup.locator('.popup__account').textContent()).toContain('Adele Vance');
    // The list from before the restart stays, marked as not current; the header offers Sign in.
    await expect.poll(() => popup.locator('li[data-key]').count()).toBeGreaterThan(0);
    await expect.poll(() => popup.locator('header').textContent()).toContain(SESSION_ENDED);
    expect(await popup.locator('body').textContent()).not.toContain('No connection');
    // Background work no longer asks Entra: another refresh sends nothing.
    await clearLog(stack());
    expect((await refreshNow())?.error).toBe(SESSION_ENDED);
    expect(await authorityCalls()).toEqual([]);

    // One click: Entra's session is gone, so the window; the emulator's user signs in at once.
    await popup.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => popup.getByRole('button', { name: 'Sign in', exact: true }).count()).toBe(0);
    expect(await authorityCalls()).toEqual(['authorize prompt=none 302', 'authorize 302', 'token 200']);
    await popup.close();
  });

  it('after a browser restart with "Stay signed in": silent, no window', async () => {
    await control(emu, '/settings', { staySignedIn: 'yes' });
    await ext.context.clearCookies();
    // A new Entra session, now with the persistent cookie (the user answered "Stay signed in?" with yes).
    expect(await ask(options, 'signIn', { prompt: 'select_account' })).toMatchObject({ ok: true });
    await ext.close();
    await launch();
    await clearLog(stack());
    expect(await refreshNow()).not.toHaveProperty('error');
    expect(await authorityCalls()).toEqual(['authorize prompt=none 302', 'token 200']);
    expect(windows).toHaveLength(0);
  });

  it('a revoked session: the popup offers Sign in, and one click opens one window', async () => {
    await control(emu, '/settings', { autoSignIn: null });
    await control(emu, '/revoke', { userId: ADELE });
    expect((await refreshNow())?.error).toBe(SESSION_ENDED);
    const popup = await ext.openPopup();
    windows = [];
    await popup.getByRole('button', { name: 'Sign in', exact: true }).click();
    // The silent renewal (prompt=none) is tried first: the window follows it.
    await expect.poll(() => windows.length, { timeout: 15_000 }).toBe(1);
    const window = windows[0] as Page;
    await window.getByRole('button', { name: /Adele Vance/ }).click();
    await expect.poll(() => popup.getByRole('button', { name: 'Sign in', exact: true }).count()).toBe(0);
    expect(windows).toHaveLength(1);
    expect(await refreshNow()).not.toHaveProperty('error');
    const state = await ask<{ active?: { signInNeeded?: boolean } }>(options, 'getAuthState');
    expect(state.value?.active?.signInNeeded).toBeUndefined();
    await popup.close();
  });
});
