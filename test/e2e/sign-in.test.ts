import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control } from '../emulator/test-client.ts';
import { clearLog, GROUPS, schedulePosts } from './emulator-kit.ts';
import { applyManagedPolicy } from './policy.ts';
import { ADELE, ask, type Stack, startStack } from './stack.ts';

// Sign-in as a user does it: the options page's button, Entra's (the emulator's) window, a click.
let stack: Stack;
let options: Page;
beforeAll(async () => {
  stack = await startStack();
  options = await stack.ext.openOptions();
});
afterAll(async () => {
  await stack?.close();
});

const KEYVAULT = GROUPS.keyVault.id;
const FINANCE = GROUPS.finance.id; // MFA
const HELPDESK = GROUPS.helpdesk.id;
const SQL = GROUPS.sqlAdmins.id; // no rules
const SCHEDULE_REQUESTS = '/v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleRequests';
const UNCONSENTED_CLIENT = '9d1f0c6e-2b7a-4e3f-8c5d-1a2b3c4d5e6f';
const UNKNOWN_CLIENT = '00000000-1111-2222-3333-444444444444';

const status = () => options.locator('section[aria-labelledby="account-heading"] [role="status"]');
const account = () => options.locator('section[aria-labelledby="account-heading"]');

/** Clicks a button in the options page and returns the sign-in window it opens. */
async function openSignInWindow(name: RegExp): Promise<Page> {
  // The window's URL is still about:blank when Playwright announces it: check it once loaded.
  const opened = stack.ext.context.waitForEvent('page');
  await options.getByRole('button', { name }).click();
  const window = await opened;
  await window.waitForURL(/\/oauth2\/v2\.0\/authorize/);
  return window;
}

/** The window's text; each read bounded, so a window still loading cannot hold a poll past its timeout. */
const bodyText = (window: Page) =>
  window
    .locator('body')
    .textContent({ timeout: 2_000 })
    .catch(() => '');

/** Closes a sign-in window the way a user does; bounded, and the extension must see it closed either way. */
async function closeWindow(window: Page): Promise<void> {
  await Promise.race([window.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
}

const snapshotOwner = () =>
  options.evaluate(async () => {
    const stored = JSON.parse(
      ((await chrome.storage.local.get('cache:snapshot'))['cache:snapshot'] as string | undefined) ?? 'null',
    ) as {
      accountId?: string;
    } | null;
    return stored?.accountId;
  });

/** Whether the worker has cached the group's policy (read after a refresh, not awaited by it). */
const policyCached = (groupId: string) =>
  options.evaluate(
    async (id) =>
      JSON.stringify((await chrome.storage.local.get('cache:policies'))['cache:policies'] ?? '').includes(id),
    groupId,
  );

async function usePolicy(values: Record<string, string>) {
  await applyManagedPolicy(stack.ext, values);
  await expect.poll(() => options.locator('#client-id').inputValue(), { timeout: 20_000 }).toBe(values.clientId);
}

describe('sign-in from the options page', () => {
  it('tells what the window said when the client id is unknown and the user closes it', async () => {
    await usePolicy({ tenant: stack.emu.tenantId, clientId: UNKNOWN_CLIENT });
    const window = await openSignInWindow(/^Sign in$/);
    await expect.poll(() => bodyText(window), { timeout: 15_000 }).toContain('AADSTS700016');
    await closeWindow(window);
    await expect
      .poll(() => status().textContent())
      .toContain(`The application (client) ID ${UNKNOWN_CLIENT} is not registered`);
  });

  it('tells what the window said when the tenant does not exist', async () => {
    await usePolicy({ tenant: 'nowhere.example.com', clientId: stack.emu.clientId });
    const window = await openSignInWindow(/^Sign in$/);
    await expect.poll(() => bodyText(window), { timeout: 15_000 }).toContain('AADSTS90002');
    await closeWindow(window);
    await expect.poll(() => status().textContent()).toContain('The tenant nowhere.example.com was not found.');
  });

  it('explains missing admin consent', async () => {
    await usePolicy({ tenant: stack.emu.tenantId, clientId: UNCONSENTED_CLIENT });
    const window = await openSignInWindow(/^Sign in$/);
    await window.getByRole('button', { name: /Adele Vance/ }).click();
    await expect.poll(() => status().textContent()).toContain('has not granted this extension the permissions');
  });

  it('says so when the user closes the sign-in window', async () => {
    await usePolicy({ tenant: stack.emu.tenantId, clientId: stack.emu.clientId });
    // The previous test left an Entra session, which would sign in without a window (SSO).
    await stack.ext.context.clearCookies();
    const window = await openSignInWindow(/^Sign in$/);
    await window.close();
    await expect.poll(() => status().textContent()).toBe('Sign-in was cancelled. Choose Sign in to try again.');
  });

  it('signs in with the account picked in the window, and shows it', async () => {
    const window = await openSignInWindow(/^Sign in$/);
    await window.getByRole('button', { name: /Adele Vance/ }).click();
    await expect
      .poll(() => account().textContent())
      .toContain('Signed in as Adele Vance (adelev@contoso-demo.onmicrosoft.com).');
    expect(await status().textContent()).toBe('');
  });

  it('asks for MFA once for an MFA group, then activates', async () => {
    await clearLog(stack);
    const windows: Page[] = [];
    stack.ext.context.on('page', (p) => windows.push(p));
    const reply = ask(options, 'activate', {
      groupId: FINANCE,
      accessId: 'member',
      durationMinutes: 60,
      justification: 'Quarter close',
    });
    // The silent renewal (prompt=none) is tried first: the window follows it.
    await expect.poll(() => windows.length, { timeout: 15_000 }).toBe(1);
    await (windows[0] as Page).getByRole('button', { name: 'Approve' }).click();
    expect(await reply).toMatchObject({ ok: true, value: { status: 'active' } });
    const posts = await schedulePosts(stack);
    expect(posts.map((p) => p.status)).toEqual([201]);
  });

  it('asks for extra verification once for an authentication-context group, then activates', async () => {
    await clearLog(stack);
    const windows: Page[] = [];
    stack.ext.context.on('page', (p) => windows.push(p));
    const reply = ask(options, 'activate', {
      groupId: KEYVAULT,
      accessId: 'member',
      durationMinutes: 60,
      justification: 'Key rotation',
    });
    // The silent renewal (prompt=none) is tried first: the window follows it.
    await expect.poll(() => windows.length, { timeout: 15_000 }).toBe(1);
    const mfa = windows[0] as Page;
    await mfa.getByRole('button', { name: 'Approve' }).click();
    expect(await reply).toMatchObject({ ok: true, value: { status: 'active' } });
    const posts = await schedulePosts(stack);
    expect(posts.map((p) => p.status)).toEqual([201]);
    expect(windows).toHaveLength(1);
  });

  /** Graph's answers (not Entra's) since the log was cleared, up to the activation's accepted POST. */
  async function graphCallsUntilAccepted(): Promise<string[]> {
    const log = await control<Array<{ method: string; path: string; status: number }>>(stack.emu, '/log');
    const calls = log.filter((l) => l.path.startsWith('/v1.0/')).map((l) => `${l.method} ${l.path} ${l.status}`);
    return calls.slice(0, calls.findIndex((c) => c.startsWith(`POST ${SCHEDULE_REQUESTS} 201`)) + 1);
  }

  /** Revokes Adele's sessions (continuous access evaluation), activates `groupId`, and picks her in the one window. */
  async function activateAfterRevoke(groupId: string, justification: string): Promise<Page[]> {
    await control(stack.emu, '/revoke', { userId: ADELE });
    await clearLog(stack);
    const windows: Page[] = [];
    stack.ext.context.on('page', (p) => windows.push(p));
    const reply = ask(options, 'activate', { groupId, accessId: 'member', durationMinutes: 60, justification });
    await expect.poll(() => windows.length, { timeout: 15_000 }).toBe(1);
    await (windows[0] as Page).getByRole('button', { name: /Adele Vance/ }).click();
    expect(await reply).toMatchObject({ ok: true, value: { status: 'active' } });
    return windows;
  }

  it('answers a claims challenge that arrives anyway once: one sign-in, then the same request succeeds', async () => {
    // The worker has just heard Graph's clock and holds the group's policy: the POST is its first call.
    expect((await ask(options, 'refresh', { force: true })).ok).toBe(true);
    await expect.poll(() => policyCached(HELPDESK)).toBe(true);
    const windows = await activateAfterRevoke(HELPDESK, 'Ticket queue');
    expect(await graphCallsUntilAccepted()).toEqual([`POST ${SCHEDULE_REQUESTS} 401`, `POST ${SCHEDULE_REQUESTS} 201`]);
    expect(windows).toHaveLength(1);
  });

  it('after the worker was torn down, the read that tells Graph’s time meets the challenge: one sign-in, one POST', async () => {
    // A new worker confirms Graph's clock before an "activate now" (read only, never a window): that
    // read is challenged, and the POST asks for the new sign-in before it is sent.
    await expect.poll(() => policyCached(SQL)).toBe(true);
    await stack.ext.stopServiceWorker();
    const windows = await activateAfterRevoke(SQL, 'Patch night');
    expect(await graphCallsUntilAccepted()).toEqual([
      `GET ${SCHEDULE_REQUESTS}/filterByCurrentUser(on='principal')?$filter=groupId%20eq%20%27${SQL}%27 401`,
      `POST ${SCHEDULE_REQUESTS} 201`,
    ]);
    expect(windows).toHaveLength(1);
  });

  it('renews the token silently after it expires', async () => {
    // Move Graph's clock past the token's lifetime: the next call gets 401 and renews without a window.
    await control(stack.emu, '/clock', { advanceMs: 2 * 60 * 60_000 });
    let windows = 0;
    stack.ext.context.on('page', () => windows++);
    expect((await ask(options, 'refresh', { force: true })).ok).toBe(true);
    const refreshed = await options.evaluate(
      async () => (await chrome.storage.session.get('session:refresh'))['session:refresh'] as { error?: string },
    );
    expect(refreshed).toMatchObject({ refreshing: false });
    expect(refreshed.error).toBeUndefined();
    expect(windows).toBe(0);
  });

  it('adds a second account and switches between them, each with its own list', async () => {
    const window = await openSignInWindow(/Sign in with another account/);
    await window.getByRole('button', { name: /Megan Bowen/ }).click();
    await expect.poll(() => account().textContent()).toContain('Signed in as Megan Bowen');
    await expect.poll(() => snapshotOwner()).toContain('c5a9e7d3');
    await options.getByRole('button', { name: 'Use Adele Vance' }).click();
    await expect.poll(() => account().textContent()).toContain('Signed in as Adele Vance');
    await expect.poll(() => snapshotOwner()).toContain('4e8c1a3b');
  });

  it('signs out: the account, its tokens and its cached list are forgotten', async () => {
    await options.getByRole('button', { name: 'Sign out Adele Vance' }).click();
    await expect.poll(() => account().textContent()).toContain('Signed in as Megan Bowen');
    await options.getByRole('button', { name: 'Sign out Megan Bowen' }).click();
    await expect.poll(() => account().textContent()).toContain('Not signed in.');
    const auth = await ask<{ accounts: unknown[] }>(options, 'getAuthState', undefined);
    expect(auth.value?.accounts).toEqual([]);
    expect(await snapshotOwner()).toBeUndefined();
    // Nor anything of theirs in the cache (PRIVACY.md: "cleared on sign-out"): every cache key
    // holds nothing (null, empty, zero, false), but Graph's clock offset, which is no one's.
    const cached = await options.evaluate(async () => {
      const stored = await chrome.storage.local.get(null);
      const holdsNothing = (value: unknown): boolean =>
        value === null ||
        value === '' ||
        value === 0 ||
        value === false ||
        (typeof value === 'object' && Object.values(value).every(holdsNothing));
      const parsed = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
      return Object.entries(stored)
        .filter(([key]) => key.startsWith('cache:') && key !== 'cache:clockOffset')
        .filter(([, value]) => !holdsNothing(parsed(value)))
        .map(([key, value]) => `${key}: ${JSON.stringify(value).slice(0, 80)}`);
    });
    expect(cached).toEqual([]);
  });
});
