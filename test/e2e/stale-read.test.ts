import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { control } from '../emulator/test-client.ts';
import { GROUPS, notificationIds } from './emulator-kit.ts';
import { ask } from './stack.ts';
import { e2eSuite } from './suite.ts';

// A list read that Graph answered before a change, arriving after it: the popup's opening starts a
// refresh, and a one-click activation can be answered before that refresh is. The emulator holds
// the read's answer on its way back (a 'latency' fault with `after`), so it lists what was true
// when it arrived. The list the operation reads again once it is done is the one stored.
const SQL = GROUPS.sqlAdmins.id;
const M = 60_000;
const SCHEDULE_REQUESTS = 'POST /v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleRequests';

const suite = e2eSuite({ keepOptionsPage: true });
let page: Page;
beforeAll(async () => {
  page = suite.options;
  expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
  await settled();
  await clearNotifications();
  // Whether SG-Prod-SQL-Admins is active in each list the background stores from now on.
  await page.evaluate((groupId) => {
    const seen: boolean[] = [];
    Object.assign(window, { sqlActiveInEachList: seen });
    chrome.storage.onChanged.addListener((changes, area) => {
      const written = changes['cache:snapshot']?.newValue as string | undefined;
      if (area !== 'local' || written === undefined) return;
      const list = JSON.parse(written) as { items: Array<{ groupId: string; accessId: string; active?: unknown }> };
      seen.push(list.items.some((i) => i.groupId === groupId && i.accessId === 'member' && i.active !== undefined));
    });
  }, SQL);
});

/** Lets the watcher finish with the stored list: every notification it will show for it is shown. */
const settled = () =>
  suite.stack.ext.worker.evaluate(() => (globalThis as unknown as { pim: { tick(): Promise<void> } }).pim.tick());
const clearNotifications = () =>
  suite.stack.ext.worker.evaluate(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
const inflight = () => control<{ count: number }>(suite.stack.emu, 'inflight');
/** The lists stored since the last call: whether SG-Prod-SQL-Admins was active in each. */
const sqlActiveInEachList = () =>
  page.evaluate(() => {
    const seen = (window as unknown as { sqlActiveInEachList: boolean[] }).sqlActiveInEachList;
    return seen.splice(0);
  });
/** Every request the emulator answered since the log was cleared, in the order the answers went out. */
const answered = async () =>
  (await control<Array<{ method: string; path: string; area: string }>>(suite.stack.emu, '/log')).map(
    (e) => `${e.method} ${e.path.split('?')[0]}`,
  );

/**
 * Runs `operation` while a refresh is under way whose answer Graph gives at once and the network
 * holds for 5 s (well past the operation's answer, even on a loaded machine); then waits for that
 * answer and for the watcher. The emulator answered the operation first, then the held read, then
 * the read the operation asks for once it is done.
 */
async function overtaking(operation: () => Promise<void>): Promise<void> {
  const origin = await page.evaluate(() => location.origin);
  await control(suite.stack.emu, '/log', undefined, 'DELETE');
  await control(suite.stack.emu, '/faults', {
    type: 'latency',
    after: true,
    latencyMs: 5_000,
    count: 1,
    match: { pathContains: '$batch', origin },
  });
  const refreshing = ask(page, 'refresh', { force: true });
  await expect.poll(inflight).toEqual({ count: 1 });
  await operation();
  expect((await refreshing).ok).toBe(true);
  await expect.poll(inflight, { timeout: 10_000 }).toEqual({ count: 0 });
  await expect.poll(answered).toEqual([SCHEDULE_REQUESTS, 'POST /v1.0/$batch', 'POST /v1.0/$batch']);
  await settled();
}

describe('a list read answered before an operation, arriving after it', () => {
  it('does not undo an activation: one "active" notification, never "ended"', async () => {
    await overtaking(async () => {
      const reply = await ask(page, 'activate', {
        groupId: SQL,
        accessId: 'member',
        durationMinutes: 60,
        justification: 'Stale read check',
      });
      expect(reply).toMatchObject({ ok: true, value: { status: 'active' } });
    });
    // The activation's own change, then the list read after it; the held read is not stored.
    expect(await sqlActiveInEachList()).toEqual([true, true]);
    expect(await notificationIds(suite.stack)).toEqual([
      expect.stringMatching(new RegExp(`^activated:${SQL}:member:\\d+$`)),
    ]);
  });

  it('does not bring back a deactivated activation', async () => {
    // Graph refuses to end an activation in its first five minutes.
    await control(suite.stack.emu, '/clock', { advanceMs: 6 * M });
    await clearNotifications();
    await overtaking(async () => {
      expect((await ask(page, 'deactivate', { groupId: SQL, accessId: 'member' })).ok).toBe(true);
    });
    expect(await sqlActiveInEachList()).toEqual([false, false]);
    expect(await notificationIds(suite.stack)).toEqual([
      expect.stringMatching(new RegExp(`^ended:${SQL}:member:\\d+$`)),
    ]);
  });
});
