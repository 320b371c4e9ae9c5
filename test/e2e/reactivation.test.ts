import { describe, expect, it } from 'vitest';
import { control, emuFetch, mintToken } from '../emulator/test-client.ts';
import {
  clearLog,
  GROUPS,
  instanceFor,
  moveClock,
  notificationIds,
  recordNotifications,
  schedulePosts,
} from './emulator-kit.ts';
import { openPopup, phrase, row } from './popup-kit.ts';
import { ADELE, ask, signInAs } from './stack.ts';
import { e2eSuite } from './suite.ts';

// "Re-activate when it ends" does only what the user asked, for the account that asked: shown on
// the row with a way to cancel it, and dropped on deactivate, sign-out and account switch. Chromium's
// alarms run on the real clock, so the emulator's clock moves and the test then calls the handler
// the alarm would call (`pim.runReactivation`): whatever the alarm would do, it does.
const SQL = GROUPS.sqlAdmins; // PT8H, no rules: a re-activation needs nothing from the user
const KEY = `${SQL.id}:member`;

const suite = e2eSuite({ keepOptionsPage: true });

type Pim = {
  tick(): Promise<void>;
  onNotificationButton(id: string, i: number): Promise<void>;
  runReactivation(key: string): Promise<void>;
};
const pim = <T>(run: (pim: Pim, arg: string) => Promise<T>, arg = '') =>
  suite.stack.ext.worker.evaluate(
    ([source, arg]) => {
      const fn = new Function(`return (${source})`)() as (pim: unknown, arg: string) => Promise<T>;
      return fn((globalThis as unknown as { pim: unknown }).pim, arg);
    },
    [run.toString(), arg] as const,
  );
const refreshed = async () => {
  expect((await ask(suite.options, 'refresh', { force: true })).ok).toBe(true);
  await pim((p) => p.tick());
};
const shown = async () => (await notificationIds(suite.stack)).sort();
const reactivateAlarms = async () =>
  (await suite.stack.ext.worker.evaluate(async () => (await chrome.alarms.getAll()).map((a) => a.name))).filter((n) =>
    n.startsWith('reactivate'),
  );
const queued = () =>
  suite.options.evaluate(async () => (await chrome.storage.local.get('cache:reactivations'))['cache:reactivations']);
const clearNotifications = () =>
  suite.stack.ext.worker.evaluate(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });

/**
 * Activates SQL-Admins for an hour and moves to 9 minutes before its end: its activation and its
 * warning are shown, nothing else of it (the demo's other activations may end meanwhile). Returns
 * the warning's id.
 */
async function warned(): Promise<string> {
  const reply = await ask(suite.options, 'activate', {
    groupId: SQL.id,
    accessId: 'member',
    durationMinutes: 60,
    justification: 'Patch night',
  });
  expect(reply).toMatchObject({ ok: true, value: { status: 'active' } });
  await moveClock(suite.stack, 51);
  await refreshed();
  const ids = (await shown()).filter((id) => id.includes(KEY));
  expect(ids).toEqual([
    expect.stringMatching(new RegExp(`^activated:${KEY}:\\d+$`)),
    expect.stringMatching(new RegExp(`^expiring:${KEY}:\\d+$`)),
  ]);
  return ids[1] as string;
}

/** `warned()`, then its "Re-activate when it ends" pressed. */
async function queueOne(): Promise<void> {
  const expiring = await warned();
  await clearNotifications();
  await pim((p, id) => p.onNotificationButton(id, 0), expiring);
  expect(await reactivateAlarms()).toEqual([`reactivate:${KEY}`]);
  expect(await shown()).toEqual([`reactivate-queued:${KEY}`]);
  // Queued for the later of the end the notification names (it may be the extension's own record
  // of the activation) and the end Graph has (its instance starts when PIM provisioned it, and it
  // is given to the second): never before Graph would take a new activation.
  const noticedEnd = Number(expiring.split(':').at(-1));
  const graphEnd = Date.parse((await instanceFor(suite.stack, SQL))?.endDateTime ?? '');
  expect(await queued()).toEqual({ [KEY]: { accountId: expect.any(String), atMs: Math.max(noticedEnd, graphEnd) } });
}

/** Past the end of the queued one: the alarm's handler runs (as the alarm would), then Graph is read again. */
async function pastTheEnd(): Promise<void> {
  await clearLog(suite.stack);
  await moveClock(suite.stack, 15);
  await pim((p, key) => p.runReactivation(key), KEY);
  await refreshed();
}

describe('a queued re-activation', () => {
  it('runs at the end, announced as a re-activation, with one notification', async () => {
    await queueOne();
    await pastTheEnd();
    // The hour the clock moved outlived the token: Graph refuses the first try with 401 (nothing done), the renewed one is accepted.
    expect((await schedulePosts(suite.stack)).map((p) => p.status)).toEqual([401, 201]);
    expect(await reactivateAlarms()).toEqual([]);
    // The end, and the new activation: nothing else (the queued note went when it ran).
    expect(await shown()).toEqual([
      expect.stringMatching(new RegExp(`^activated:${KEY}:\\d+$`)),
      expect.stringMatching(new RegExp(`^ended:${KEY}:\\d+$`)),
    ]);
    expect(await queued()).toEqual({});
    // Ended here so the next test starts from an eligible group.
    await control(suite.stack.emu, '/clock', { advanceMs: 6 * 60_000 });
    expect((await ask(suite.options, 'deactivate', { groupId: SQL.id, accessId: 'member' })).ok).toBe(true);
    await refreshed();
    await clearNotifications();
  });

  it('is shown on its row with a way to cancel it, and cancelled sends nothing', async () => {
    await queueOne();
    const popup = await openPopup(suite.stack);
    const sql = row(popup, SQL);
    await expect.poll(() => sql.locator('.row__queued p').textContent()).toMatch(/^Activates again at /);
    await sql.getByRole('button', { name: `Don’t re-activate ${phrase(SQL)}`, exact: true }).click();
    await expect.poll(() => sql.locator('.row__queued').count()).toBe(0);
    expect(await reactivateAlarms()).toEqual([]);
    expect(await shown()).toEqual([]);
    await popup.close();
    await pastTheEnd();
    expect(await schedulePosts(suite.stack)).toEqual([]);
    await clearNotifications();
  });

  it('is dropped when the user deactivates the group', async () => {
    await queueOne();
    expect((await ask(suite.options, 'deactivate', { groupId: SQL.id, accessId: 'member' })).ok).toBe(true);
    expect(await reactivateAlarms()).toEqual([]);
    await pastTheEnd();
    expect(await schedulePosts(suite.stack)).toEqual([]);
    await clearNotifications();
  });

  it('is dropped when the group is deactivated somewhere else (the Entra admin center), and says so', async () => {
    await queueOne();
    const created = await recordNotifications(suite.stack);
    // The admin center sends Graph the same request, with its own token.
    const token = await mintToken(suite.stack.emu, {
      userId: ADELE,
      scopes: ['PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup'],
      mfa: true,
    });
    const deactivated = await emuFetch(
      suite.stack.emu,
      'https://graph.microsoft.com/v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleRequests',
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: { accessId: 'member', principalId: ADELE, groupId: SQL.id, action: 'selfDeactivate' },
      },
    );
    expect(deactivated.status).toBe(201);
    await refreshed();
    // The end, said as a deactivation that says the re-activation will not run; the queued note,
    // the alarm and the queue went with it.
    expect(await shown()).toEqual([expect.stringMatching(new RegExp(`^ended:${KEY}:\\d+$`))]);
    expect(
      (await created()).map(({ id, options }) => ({ id, title: options.title, message: options.message })),
    ).toEqual([
      {
        id: expect.stringMatching(new RegExp(`^ended:${KEY}:\\d+$`)),
        title: 'SG-Prod-SQL-Admins was deactivated',
        message:
          'Your member access is no longer active. The re-activation you asked for at its end will not run: activate it from the popup if you still need it. Apps you had open may not see this change yet. Sign out and sign back in to refresh.',
      },
    ]);
    expect(await reactivateAlarms()).toEqual([]);
    expect(await queued()).toEqual({});
    await pastTheEnd();
    expect(await schedulePosts(suite.stack)).toEqual([]);
    await clearNotifications();
  });

  it('gets its alarm back when an update or a restart took it, and runs at the end', async () => {
    await queueOne();
    // What an update (or a restart, in Firefox and Chromium before 150) may leave: the queue
    // stored, its alarm gone. The next event starts a new worker, which sets it again.
    await suite.stack.ext.worker.evaluate((name) => chrome.alarms.clear(name), `reactivate:${KEY}`);
    await suite.stack.ext.stopServiceWorker();
    await refreshed();
    expect(await reactivateAlarms()).toEqual([`reactivate:${KEY}`]);
    await pastTheEnd();
    // As in the first test: the token did not outlive the hour, Graph's 401 is answered by a renewed one.
    expect((await schedulePosts(suite.stack)).map((p) => p.status)).toEqual([401, 201]);
    expect(await queued()).toEqual({});
    await control(suite.stack.emu, '/clock', { advanceMs: 6 * 60_000 });
    expect((await ask(suite.options, 'deactivate', { groupId: SQL.id, accessId: 'member' })).ok).toBe(true);
    await refreshed();
    await clearNotifications();
  });

  it('does not run when its alarm fires long after the end (the computer asleep), and says why', async () => {
    await queueOne();
    // Back 16 minutes after the end: the list read first (it ended), then the alarm, late.
    await moveClock(suite.stack, 9 + 16);
    await refreshed();
    await clearLog(suite.stack);
    await pim((p, key) => p.runReactivation(key), KEY);
    expect(await schedulePosts(suite.stack)).toEqual([]);
    expect(await queued()).toEqual({});
    expect(await reactivateAlarms()).toEqual([]);
    expect(await shown()).toEqual([
      expect.stringMatching(new RegExp(`^ended:${KEY}:\\d+$`)),
      `reactivate-failed:${KEY}`,
    ]);
    await clearNotifications();
  });

  // The warning waits on screen for an answer (requireInteraction); what it says must stay true.
  describe('a warning left on screen', () => {
    const popups = () =>
      suite.stack.ext.worker.evaluate(async () =>
        (await chrome.runtime.getContexts({}))
          .filter((c) => c.documentUrl?.includes('/src/popup/index.html'))
          .map((c) => c.contextType),
      );
    // The end replaces the announcement ("active until …") and the warning.
    const ended = () => [expect.stringMatching(new RegExp(`^ended:${KEY}:\\d+$`))];

    it('goes when its activation is deactivated; its button, pressed after, queues nothing and opens the popup', async () => {
      await clearNotifications();
      const warning = await warned();
      expect((await ask(suite.options, 'deactivate', { groupId: SQL.id, accessId: 'member' })).ok).toBe(true);
      await refreshed();
      expect(await shown()).toEqual(ended());
      // A notification centre may still hold it: Chromium's own listener gets the press.
      expect(await popups()).toEqual([]);
      await suite.stack.ext.worker.evaluate(
        (id) =>
          (chrome.notifications.onButtonClicked as unknown as { dispatch(id: string, i: number): void }).dispatch(
            id,
            0,
          ),
        warning,
      );
      // The toolbar popup where the browser allows it, else the popup's page in a tab.
      await expect.poll(popups).toEqual([expect.stringMatching(/^(POPUP|TAB)$/)]);
      expect(await reactivateAlarms()).toEqual([]);
      expect(await queued()).toEqual({});
      expect(await shown()).toEqual(ended());
      for (const page of suite.stack.ext.context.pages()) if (page.url().includes('/src/popup/')) await page.close();
      await clearNotifications();
    });

    it('goes when its activation ends', async () => {
      await warned();
      await moveClock(suite.stack, 10);
      await refreshed();
      expect(await shown()).toEqual(ended());
      await clearNotifications();
    });
  });

  it('is dropped when the account that asked switches to another', async () => {
    await queueOne();
    // "Sign in with another account": Entra's account picker, where the user picks Megan.
    await control(suite.stack.emu, '/settings', { autoSignIn: null });
    const opened = suite.stack.ext.context.waitForEvent('page');
    const signedIn = ask(suite.options, 'signIn', { prompt: 'select_account' });
    const picker = await opened;
    await picker.getByRole('button', { name: /Megan Bowen/ }).click();
    expect(await signedIn).toMatchObject({ ok: true, value: { id: expect.stringMatching(/^c5a9e7d3/) } });
    await expect.poll(reactivateAlarms).toEqual([]);
    await pastTheEnd();
    expect(await schedulePosts(suite.stack)).toEqual([]);
    // Back to Adele, whose SQL-Admins hour ran out meanwhile.
    const auth = await ask<{ accounts: Array<{ id: string; username: string }> }>(
      suite.options,
      'getAuthState',
      undefined,
    );
    const adele = auth.value?.accounts.find((a) => a.username.startsWith('adelev'));
    expect((await ask(suite.options, 'switchAccount', { accountId: adele?.id })).ok).toBe(true);
    await refreshed();
    await clearNotifications();
  });

  it('is dropped on sign-out', async () => {
    await queueOne();
    const auth = await ask<{ active: { id: string } }>(suite.options, 'getAuthState', undefined);
    expect((await ask(suite.options, 'signOut', { accountId: auth.value?.active.id })).ok).toBe(true);
    await expect.poll(reactivateAlarms).toEqual([]);
    await pastTheEnd();
    expect(await schedulePosts(suite.stack)).toEqual([]);
    await signInAs(suite.stack, suite.options);
  });
});
