import { describe, expect, it } from 'vitest';
import { control } from '../emulator/test-client.ts';
import { clearLog, GROUPS, moveClock, notificationIds } from './emulator-kit.ts';
import { ask } from './stack.ts';
import { e2eSuite } from './suite.ts';

// The countdown badge, expiry notifications and the stale-access prompt, driven by Graph's clock:
// the emulator's clock moves, the extension learns it from the next Graph response.
const SQL_ADMINS = GROUPS.sqlAdmins.id;
const SQL_KEY = `${SQL_ADMINS}:member`;

const suite = e2eSuite({ keepOptionsPage: true });

type Badge = { text: string; color: number[]; title: string };
const badge = () =>
  suite.stack.ext.worker.evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    color: await chrome.action.getBadgeBackgroundColor({}),
    title: await chrome.action.getTitle({}),
  })) as Promise<Badge>;
const notifications = () => notificationIds(suite.stack);
const alarms = () => suite.stack.ext.worker.evaluate(async () => (await chrome.alarms.getAll()).map((a) => a.name));
/** What a popup opening does: the background reads Graph again (and with it Graph's clock). */
const refresh = async () => expect((await ask(suite.options, 'refresh', { force: true })).ok).toBe(true);
/** The watcher has looked at the stored list: every notification it will show for it is shown. */
const settled = () =>
  suite.stack.ext.worker.evaluate(() => (globalThis as unknown as { pim: { tick(): Promise<void> } }).pim.tick());
/** Reads Graph again and lets the watcher finish with what it read. */
const refreshed = async () => {
  await refresh();
  await settled();
};
/** The notifications shown now, in a stable order: the exact list is asserted, never "contains". */
const shown = async () => (await notifications()).sort();
/** Chromium offers no way to click a notification's button from a test: call the handler its listener calls. */
const pressButton = (id: string, index: number) =>
  suite.stack.ext.worker.evaluate(
    ([id, index]) =>
      (
        globalThis as unknown as { pim: { onNotificationButton(id: string, i: number): Promise<void> } }
      ).pim.onNotificationButton(id, index),
    [id, index] as const,
  );

describe('badge and notifications', () => {
  it('shows the remaining time of the soonest activation, with every active group in the title', async () => {
    const reply = await ask(suite.options, 'activate', {
      groupId: SQL_ADMINS,
      accessId: 'member',
      durationMinutes: 60,
      justification: 'Patch night',
    });
    expect(reply.ok).toBe(true);
    await expect.poll(async () => (await badge()).text).toBe('1h');
    const { color, title } = await badge();
    expect(color).toEqual([15, 108, 189, 255]);
    expect(title).toMatch(/SG-Prod-SQL-Admins \(member\) until/);
    expect(title).toMatch(/SG-Prod-AKS-Operators \(member\) until/);
    expect(title).toMatch(/SG-VPN-Users \(member\), permanent/);
    expect(title).toMatch(/SG-Billing-Administrators \(member\), waiting for approval/);
    // An alarm for the next change of the text, and the activation was announced with the stale-access prompt.
    expect(await alarms()).toContain('watch:next');
    // Graph's own record of the activation (read again here) is the same activation: one notification.
    await refreshed();
    expect(await shown()).toEqual([expect.stringMatching(new RegExp(`^activated:${SQL_KEY}:\\d+$`))]);
  });

  it('its sign-out button runs Microsoft’s sign-out for the app, back to the extension, then opens My Apps', async () => {
    const id = (await notifications()).find((n) => n.startsWith(`activated:${SQL_KEY}`)) as string;
    await clearLog(suite.stack);
    // My Apps is not reachable from here: the test answers for it.
    await suite.stack.ext.context.route('https://myapps.microsoft.com/', (route) => route.fulfill({ body: 'My Apps' }));
    const tab = suite.stack.ext.context.waitForEvent('page');
    await pressButton(id, 0);
    await (await tab).waitForURL('https://myapps.microsoft.com/');
    const log = await control<Array<{ path: string }>>(suite.stack.emu, '/log');
    const logouts = log.filter((l) => l.path.includes('/oauth2/v2.0/logout'));
    // No login_hint claim in this tenant's id tokens: no logout_hint (never the user name).
    expect(logouts.map((l) => Object.fromEntries(new URL(l.path, 'https://x/').searchParams))).toEqual([
      {
        client_id: suite.stack.emu.clientId,
        post_logout_redirect_uri: `https://${suite.stack.ext.extensionId}.chromiumapp.org/`,
      },
    ]);
    expect(await shown()).toEqual([]);
  });

  it('turns amber and warns before the end, with a button that re-activates when it ends', async () => {
    await moveClock(suite.stack, 51);
    await refreshed();
    await expect.poll(async () => (await badge()).text).toBe('9m');
    expect((await badge()).color).toEqual([188, 75, 9, 255]);
    expect(await shown()).toEqual([expect.stringMatching(new RegExp(`^expiring:${SQL_KEY}:\\d+$`))]);
    const [id] = await shown();
    await pressButton(id as string, 0);
    expect(await alarms()).toContain(`reactivate:${SQL_KEY}`);
    expect(await shown()).toEqual([`reactivate-queued:${SQL_KEY}`]);
  });

  it('is right after the service worker was stopped mid-countdown', async () => {
    await suite.stack.ext.stopServiceWorker();
    await moveClock(suite.stack, 5);
    // A page asking for anything wakes the worker; it redraws from the stored list and Graph's time.
    await refreshed();
    await expect.poll(async () => (await badge()).text).toBe('4m');
    expect((await badge()).color).toEqual([197, 15, 31, 255]);
    expect(await shown()).toEqual([`reactivate-queued:${SQL_KEY}`]);
  });

  it('says when the activation ended, and moves on to the next one', async () => {
    await moveClock(suite.stack, 5);
    await refreshed();
    expect(await shown()).toEqual([
      expect.stringMatching(new RegExp(`^ended:${SQL_KEY}:\\d+$`)),
      `reactivate-queued:${SQL_KEY}`,
    ]);
    // SG-Prod-AKS-Operators (activated in the scenario for two hours) is next.
    await expect.poll(async () => (await badge()).text).toBe('59m');
  });

  it('keeps no alarm and no badge once nobody is signed in', async () => {
    const auth = await ask<{ active: { id: string } }>(suite.options, 'getAuthState', undefined);
    expect((await ask(suite.options, 'signOut', { accountId: auth.value?.active.id })).ok).toBe(true);
    await expect.poll(async () => (await badge()).text).toBe('');
    await expect.poll(alarms).not.toContain('watch:next');
    // The re-activation Adele queued was hers: it goes with her, and so does every notification
    // about her groups (their names, and buttons that would act for whoever signs in next).
    await expect.poll(async () => (await alarms()).filter((a) => a.startsWith('reactivate'))).toEqual([]);
    expect(await shown()).toEqual([]);
  });
});
