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
const ROLE_ADMINS = GROUPS.roleAdmins.id; // needs Alex Wilber's approval
const M = 60_000;
const SCHEDULE_REQUESTS = 'POST /v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleRequests';

const suite = e2eSuite({ keepOptionsPage: true });
let page: Page;
beforeAll(async () => {
  page = suite.options;
  expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
  await settled();
  await clearNotifications();
  // What each list the background stores from now on says of the group a test names (`watching`).
  await page.evaluate(() => {
    const recorder = { groupId: '', states: [] as string[] };
    Object.assign(window, { recorder });
    chrome.storage.onChanged.addListener((changes, area) => {
      const written = changes['cache:snapshot']?.newValue as string | undefined;
      if (area !== 'local' || written === undefined || !recorder.groupId) return;
      const list = JSON.parse(written) as {
        items: Array<{ groupId: string; accessId: string; active?: unknown; pending?: unknown }>;
      };
      const item = list.items.find((i) => i.groupId === recorder.groupId && i.accessId === 'member');
      recorder.states.push(item?.active ? 'active' : item?.pending ? 'pending' : 'eligible');
    });
  });
});

/** Lets the watcher finish with the stored list: every notification it will show for it is shown. */
const settled = () =>
  suite.stack.ext.worker.evaluate(() => (globalThis as unknown as { pim: { tick(): Promise<void> } }).pim.tick());
const clearNotifications = () =>
  suite.stack.ext.worker.evaluate(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
const inflight = () => control<{ count: number }>(suite.stack.emu, 'inflight');
type Recorder = { recorder: { groupId: string; states: string[] } };
/** From now on, record what each stored list says of `groupId`'s membership. */
const watching = (groupId: string) =>
  page.evaluate((groupId) => {
    const { recorder } = window as unknown as Recorder;
    recorder.groupId = groupId;
    recorder.states = [];
  }, groupId);
/** What the lists stored since `watching` said: 'active', 'pending' or 'eligible', one per list. */
const statesInEachList = () => page.evaluate(() => (window as unknown as Recorder).recorder.states);
/** Every request the emulator answered since the log was cleared, in the order the answers went out. */
const answered = async () =>
  (await control<Array<{ method: string; path: string; area: string }>>(suite.stack.emu, '/log')).map(
    (e) => `${e.method} ${e.path.split('?')[0]}`,
  );

/**
 * Clears the emulator's log; the next `$batch` this extension sends is answered by Graph at once
 * and its answer held 5 s on its way back (well past anything the test does meanwhile, even on a
 * loaded machine).
 */
async function holdNextBatch(): Promise<void> {
  const origin = await page.evaluate(() => location.origin);
  await control(suite.stack.emu, '/log', undefined, 'DELETE');
  await control(suite.stack.emu, '/faults', {
    type: 'latency',
    after: true,
    latencyMs: 5_000,
    count: 1,
    match: { pathContains: '$batch', origin },
  });
}

/**
 * Runs `operation` while a refresh is under way whose answer Graph gives at once and the network
 * holds for 5 s (well past the operation's answer, even on a loaded machine); then waits for that
 * answer and for the watcher. The emulator answered the operation's requests (`sent`) first, then
 * the held read, then the read the operation asks for once it is done.
 */
async function overtaking(operation: () => Promise<void>, sent: string[] = [SCHEDULE_REQUESTS]): Promise<void> {
  await holdNextBatch();
  const refreshing = ask(page, 'refresh', { force: true });
  await expect.poll(inflight).toEqual({ count: 1 });
  await operation();
  expect((await refreshing).ok).toBe(true);
  await expect.poll(inflight, { timeout: 10_000 }).toEqual({ count: 0 });
  await expect.poll(answered).toEqual([...sent, 'POST /v1.0/$batch', 'POST /v1.0/$batch']);
  await settled();
}

describe('a list read answered before an operation, arriving after it', () => {
  it('does not undo an activation: one "active" notification, never "ended"', async () => {
    await watching(SQL);
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
    expect(await statesInEachList()).toEqual(['active', 'active']);
    expect(await notificationIds(suite.stack)).toEqual([
      expect.stringMatching(new RegExp(`^activated:${SQL}:member:\\d+$`)),
    ]);
  });

  it('does not bring back a deactivated activation', async () => {
    // Graph refuses to end an activation in its first five minutes.
    await control(suite.stack.emu, '/clock', { advanceMs: 6 * M });
    await clearNotifications();
    await watching(SQL);
    await overtaking(async () => {
      expect((await ask(page, 'deactivate', { groupId: SQL, accessId: 'member' })).ok).toBe(true);
    });
    expect(await statesInEachList()).toEqual(['eligible', 'eligible']);
    expect(await notificationIds(suite.stack)).toEqual([
      expect.stringMatching(new RegExp(`^ended:${SQL}:member:\\d+$`)),
    ]);
  });
  it('does not bring back a cancelled request', async () => {
    const reply = await ask(page, 'activate', {
      groupId: ROLE_ADMINS,
      accessId: 'member',
      durationMinutes: 60,
      justification: 'Entra change 4713',
    });
    expect(reply).toMatchObject({ ok: true, value: { status: 'pendingApproval' } });
    const { requestId } = (reply as { value: { requestId: string } }).value;
    expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
    await settled();
    await clearNotifications();
    await watching(ROLE_ADMINS);
    // The cancel, then the watcher's look at the request that left the list (denied? no: cancelled).
    const request = `/v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleRequests/${requestId}`;
    await overtaking(async () => {
      const cancelled = await ask(page, 'cancelRequest', { groupId: ROLE_ADMINS, accessId: 'member', requestId });
      expect(cancelled.ok).toBe(true);
    }, [`POST ${request}/cancel`, `GET ${request}`]);
    expect(await statesInEachList()).toEqual(['eligible', 'eligible']);
    expect(await notificationIds(suite.stack)).toEqual([]);
  });
});

// The same for a group's policy: after each refresh the background reads the policies its cache
// lacks (at 1,000 groups, 60 requests over seconds), and a page that needs one meanwhile (the
// activation form, or an activation Graph refused for its policy) reads that group's policy itself.
describe('a policy read answered before a change, arriving after a fresher read', () => {
  const KEY = `${SQL}:member`;
  type Policies = Record<string, { requirements: unknown }>;
  const storedPolicies = () =>
    page.evaluate(async () => {
      const stored = await chrome.storage.local.get('cache:policies');
      return JSON.parse(stored['cache:policies'] as string) as Policies;
    });

  it('keeps the fresher one: the next activation asks for the reason Graph now requires', async () => {
    const policy = suite.stack.emu.state.scenario.policies.find((p) => p.groupId === SQL && p.accessId === 'member');
    if (!policy) throw new Error('the demo has no policy for SG-Prod-SQL-Admins');
    const rulesBefore = policy.enabledRules;
    expect(rulesBefore).toEqual([]);
    try {
      // The cache lacks the group's policy, so the background's prefetch reads it.
      await page.evaluate(async (key) => {
        const stored = await chrome.storage.local.get('cache:policies');
        const policies = JSON.parse(stored['cache:policies'] as string) as Record<string, unknown>;
        delete policies[key];
        await chrome.storage.local.set({ 'cache:policies': JSON.stringify(policies) });
      }, KEY);
      await holdNextBatch();
      // The prefetch the refresh starts, called as the refresh calls it (the list's own read is not
      // part of this race): Graph answers it at once, with no reason required, and the answer is held.
      const prefetching = suite.stack.ext.worker.evaluate(
        (item) =>
          (
            globalThis as unknown as { pim: { prefetchRequirements(items: object[]): Promise<void> } }
          ).pim.prefetchRequirements([item]),
        { groupId: SQL, accessId: 'member' },
      );
      await expect.poll(inflight).toEqual({ count: 1 });
      // The administrator now requires a reason; the activation form reads the policy afresh.
      policy.enabledRules = ['Justification'];
      const fresh = await ask(page, 'getRequirements', { groupId: SQL, accessId: 'member' });
      expect(fresh).toMatchObject({ ok: true, value: { justification: true } });
      await prefetching;
      expect(await answered()).toEqual(['GET /v1.0/policies/roleManagementPolicyAssignments', 'POST /v1.0/$batch']);
      // Stored: exactly what the fresh read answered, not the prefetch's older answer.
      expect((await storedPolicies())[KEY]?.requirements).toEqual((fresh as { value: unknown }).value);
      // So an activation without a reason is stopped before Graph, with the sentence that asks for one.
      await control(suite.stack.emu, '/log', undefined, 'DELETE');
      const reply = await ask(page, 'activate', {
        groupId: SQL,
        accessId: 'member',
        durationMinutes: 60,
        justification: '',
      });
      expect(reply).toEqual({
        ok: false,
        error: {
          code: 'justificationMissing',
          message: 'This group needs a reason for the activation. Type a justification.',
        },
      });
      expect(await answered()).toEqual([]);
    } finally {
      policy.enabledRules = rulesBefore;
    }
  });
});
