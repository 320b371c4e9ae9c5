import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control } from '../emulator/test-client.ts';
import { clearLog, GROUPS, moveClock, notificationIds, schedulePosts } from './emulator-kit.ts';
import { openPopup, phrase, row } from './popup-kit.ts';
import { ask, type Stack, signInAs, startSignedIn } from './stack.ts';

// "Re-activate when it ends" does only what the user asked, for the account that asked: shown on
// the row with a way to cancel it, and dropped on deactivate, sign-out and account switch. Chromium's
// alarms run on the real clock, so the emulator's clock moves and the test then calls the handler
// the alarm would call (`pim.runReactivation`): whatever the alarm would do, it does.
const SQL = GROUPS.sqlAdmins; // PT8H, no rules: a re-activation needs nothing from the user
const KEY = `${SQL.id}:member`;

let stack: Stack;
let page: Page;
beforeAll(async () => {
  ({ stack, page } = await startSignedIn());
});
afterAll(async () => {
  await stack?.close();
});

type Pim = {
  tick(): Promise<void>;
  onNotificationButton(id: string, i: number): Promise<void>;
  runReactivation(key: string): Promise<void>;
};
const pim = <T>(run: (pim: Pim, arg: string) => Promise<T>, arg = '') =>
  stack.ext.worker.evaluate(
    ([source, arg]) => {
      const fn = new Function(`return (${source})`)() as (pim: unknown, arg: string) => Promise<T>;
      return fn((globalThis as unknown as { pim: unknown }).pim, arg);
    },
    [run.toString(), arg] as const,
  );
const refreshed = async () => {
  expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
  await pim((p) => p.tick());
};
const shown = async () => (await notificationIds(stack)).sort();
const reactivateAlarms = async () =>
  (await stack.ext.worker.evaluate(async () => (await chrome.alarms.getAll()).map((a) => a.name))).filter((n) =>
    n.startsWith('reactivate'),
  );
const clearNotifications = () =>
  stack.ext.worker.evaluate(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });

/** Activates SQL-Admins for an hour, moves to 9 minutes before its end, and queues its re-activation. */
async function queueOne(): Promise<void> {
  const reply = await ask(page, 'activate', {
    groupId: SQL.id,
    accessId: 'member',
    durationMinutes: 60,
    justification: 'Patch night',
  });
  expect(reply).toMatchObject({ ok: true, value: { status: 'active' } });
  await moveClock(stack, 51);
  await refreshed();
  const expiring = (await shown()).find((id) => id.startsWith(`expiring:${KEY}:`));
  expect(expiring).toBeDefined();
  await clearNotifications();
  await pim((p, id) => p.onNotificationButton(id, 0), expiring as string);
  expect(await reactivateAlarms()).toEqual([`reactivate:${KEY}`]);
  expect(await shown()).toEqual([`reactivate-queued:${KEY}`]);
}

/** Past the end of the queued one: the alarm's handler runs (as the alarm would), then Graph is read again. */
async function pastTheEnd(): Promise<void> {
  await clearLog(stack);
  await moveClock(stack, 15);
  await pim((p, key) => p.runReactivation(key), KEY);
  await refreshed();
}

describe('a queued re-activation', () => {
  it('runs at the end, announced as a re-activation, with one notification', async () => {
    await queueOne();
    await pastTheEnd();
    // The hour the clock moved outlived the token: Graph refuses the first try with 401 (nothing done), the renewed one is accepted.
    expect((await schedulePosts(stack)).map((p) => p.status)).toEqual([401, 201]);
    expect(await reactivateAlarms()).toEqual([]);
    // The end, and the new activation: nothing else (the queued note went when it ran).
    expect(await shown()).toEqual([
      expect.stringMatching(new RegExp(`^activated:${KEY}:\\d+$`)),
      expect.stringMatching(new RegExp(`^ended:${KEY}:\\d+$`)),
    ]);
    const queue = await page.evaluate(
      async () => (await chrome.storage.local.get('cache:reactivations'))['cache:reactivations'],
    );
    expect(queue).toEqual({});
    // Ended here so the next test starts from an eligible group.
    await control(stack.emu, '/clock', { advanceMs: 6 * 60_000 });
    expect((await ask(page, 'deactivate', { groupId: SQL.id, accessId: 'member' })).ok).toBe(true);
    await refreshed();
    await clearNotifications();
  });

  it('is shown on its row with a way to cancel it, and cancelled sends nothing', async () => {
    await queueOne();
    const popup = await openPopup(stack);
    const sql = row(popup, SQL);
    await expect.poll(() => sql.locator('.row__queued p').textContent()).toMatch(/^Activates again at /);
    await sql.getByRole('button', { name: `Don’t re-activate ${phrase(SQL)}`, exact: true }).click();
    await expect.poll(() => sql.locator('.row__queued').count()).toBe(0);
    expect(await reactivateAlarms()).toEqual([]);
    expect(await shown()).toEqual([]);
    await popup.close();
    await pastTheEnd();
    expect(await schedulePosts(stack)).toEqual([]);
    await clearNotifications();
  });

  it('is dropped when the user deactivates the group', async () => {
    await queueOne();
    expect((await ask(page, 'deactivate', { groupId: SQL.id, accessId: 'member' })).ok).toBe(true);
    expect(await reactivateAlarms()).toEqual([]);
    await pastTheEnd();
    expect(await schedulePosts(stack)).toEqual([]);
    await clearNotifications();
  });

  it('is dropped when the account that asked switches to another', async () => {
    await queueOne();
    // "Sign in with another account": Entra's account picker, where the user picks Megan.
    await control(stack.emu, '/settings', { autoSignIn: null });
    const opened = stack.ext.context.waitForEvent('page');
    const signedIn = ask(page, 'signIn', { prompt: 'select_account' });
    const picker = await opened;
    await picker.getByRole('button', { name: /Megan Bowen/ }).click();
    expect(await signedIn).toMatchObject({ ok: true, value: { id: expect.stringMatching(/^c5a9e7d3/) } });
    await expect.poll(reactivateAlarms).toEqual([]);
    await pastTheEnd();
    expect(await schedulePosts(stack)).toEqual([]);
    // Back to Adele, whose SQL-Admins hour ran out meanwhile.
    const auth = await ask<{ accounts: Array<{ id: string; username: string }> }>(page, 'getAuthState', undefined);
    const adele = auth.value?.accounts.find((a) => a.username.startsWith('adelev'));
    expect((await ask(page, 'switchAccount', { accountId: adele?.id })).ok).toBe(true);
    await refreshed();
    await clearNotifications();
  });

  it('is dropped on sign-out', async () => {
    await queueOne();
    const auth = await ask<{ active: { id: string } }>(page, 'getAuthState', undefined);
    expect((await ask(page, 'signOut', { accountId: auth.value?.active.id })).ok).toBe(true);
    await expect.poll(reactivateAlarms).toEqual([]);
    await pastTheEnd();
    expect(await schedulePosts(stack)).toEqual([]);
    await signInAs(stack, page);
  });
});
