import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { control } from '../emulator/test-client.ts';
import { decide, emuState, GROUPS, notificationIds } from './emulator-kit.ts';
import { ask } from './stack.ts';
import { e2eSuite } from './suite.ts';

// Approvals decided while the popup is closed, and activations that start later.
const ROLE_ADMINS = GROUPS.roleAdmins.id; // approval by Alex Wilber
const SUPPORT = GROUPS.supportReaders.id; // PT1H, justification
const BILLING = GROUPS.billing.id; // pending approval in the scenario
const AKS = GROUPS.aks.id;
const M = 60_000;

const suite = e2eSuite({ keepOptionsPage: true });
// The options page the tests talk to the background from; one test closes it and opens another.
let page: Page;
beforeAll(async () => {
  page = suite.options;
  expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
});

const badgeText = () => suite.stack.ext.worker.evaluate(() => chrome.action.getBadgeText({}));
const notifications = async () => (await notificationIds(suite.stack)).sort();
/** Lets the watcher finish with the stored list: every notification it will show for it is shown. */
const settled = () =>
  suite.stack.ext.worker.evaluate(() => (globalThis as unknown as { pim: { tick(): Promise<void> } }).pim.tick());
const pendingInList = (groupId: string) =>
  page.evaluate(async (groupId) => {
    const snapshot = JSON.parse(
      ((await chrome.storage.local.get('cache:snapshot'))['cache:snapshot'] as string | undefined) ?? 'null',
    ) as {
      items: Array<{ groupId: string; pending?: unknown }>;
    };
    return snapshot.items.some((i) => i.groupId === groupId && i.pending);
  }, groupId);
let deniedId = '';
const requestFor = async (groupId: string) =>
  (await emuState(suite.stack)).requests.find((r) => r.groupId === groupId && r.status === 'PendingApproval');

describe('requests the background watches', () => {
  it('marks a pending approval on the badge when nothing is active', async () => {
    // The scenario's one timed activation (SG-Prod-AKS-Operators) ends early: then only the pending request is left.
    await control(suite.stack.emu, '/clock', { advanceMs: 6 * M });
    expect((await ask(page, 'deactivate', { groupId: AKS, accessId: 'member' })).ok).toBe(true);
    await expect.poll(badgeText).toBe('…');
    expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
    await settled();
    // One deactivation, one notification.
    expect(await notifications()).toEqual([expect.stringMatching(new RegExp(`^ended:${AKS}:member:\\d+$`))]);
    await suite.stack.ext.worker.evaluate(async () => {
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
    });
  });

  it('notices an approval given while the popup is closed: notification and badge, on its own', async () => {
    const reply = await ask(page, 'activate', {
      groupId: ROLE_ADMINS,
      accessId: 'member',
      durationMinutes: 60,
      justification: 'Entra change 4711',
    });
    expect(reply).toMatchObject({ ok: true, value: { status: 'pendingApproval' } });
    // Let the refresh that follows the request land first, so only the background's own polling can find out.
    await expect.poll(() => pendingInList(ROLE_ADMINS)).toBe(true);
    await page.close();
    const request = await requestFor(ROLE_ADMINS);
    await decide(suite.stack, request?.id ?? '', 'Approve', 'OK for the change window');
    // The first poll is due 30 seconds after the request (Chromium's shortest alarm): wait for it.
    await expect
      .poll(notifications, { timeout: 60_000, interval: 1_000 })
      .toEqual([expect.stringMatching(new RegExp(`^activated:${ROLE_ADMINS}:member:\\d+$`))]);
    await expect.poll(badgeText).toBe('1h');
    await settled();
    expect(await notifications()).toEqual([
      expect.stringMatching(new RegExp(`^activated:${ROLE_ADMINS}:member:\\d+$`)),
    ]);
    // The activation history records the approver's decision on the request it logged.
    const history = await suite.stack.ext.worker.evaluate(
      async () => (await chrome.storage.local.get('history:activations'))['history:activations'],
    );
    expect(history).toEqual([
      expect.objectContaining({ groupId: ROLE_ADMINS, justification: 'Entra change 4711', outcome: 'approved' }),
    ]);
    page = await suite.stack.ext.openOptions();
  }, 90_000);

  it('notifies when an approver denies a request', async () => {
    const request = await requestFor(BILLING);
    deniedId = request?.id ?? '';
    await decide(suite.stack, deniedId, 'Deny', 'Not this week');
    // A later poll (or, here, the popup opening) reads the list without it, and asks Graph why.
    expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
    await settled();
    await expect
      .poll(notifications)
      .toEqual([
        expect.stringMatching(new RegExp(`^activated:${ROLE_ADMINS}:member:\\d+$`)),
        `pendingGone:${request?.id}`,
      ]);
  });

  it('shows a future-start activation only from its start, then on the badge', async () => {
    // A custom start is in Graph's time (the extension converts the user's local input).
    const startMs = suite.stack.emu.clock.now() + 2 * 60 * M;
    const reply = await ask(page, 'activate', {
      groupId: SUPPORT,
      accessId: 'member',
      durationMinutes: 30,
      justification: 'Night shift',
      startMs,
    });
    expect(reply).toMatchObject({ ok: true, value: { status: 'scheduled' } });
    expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
    // The background wakes at the start (an alarm within a minute of it) …
    const wake = await suite.stack.ext.worker.evaluate(
      async () => (await chrome.alarms.get('watch:next'))?.scheduledTime,
    );
    expect(wake).toBeDefined();
    // … the Role-Admins activation (1 h) is still what the badge counts down.
    expect(await badgeText()).toBe('1h');
    await control(suite.stack.emu, '/clock', { advanceMs: 2 * 60 * M + M });
    expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
    await settled();
    expect(await notifications()).toEqual([
      expect.stringMatching(new RegExp(`^activated:${SUPPORT}:member:\\d+$`)),
      // The Role-Admins hour ran out meanwhile: its end replaces its "active until …".
      expect.stringMatching(new RegExp(`^ended:${ROLE_ADMINS}:member:\\d+$`)),
      `pendingGone:${deniedId}`,
    ]);
    await expect.poll(badgeText).toBe('29m');
  });
});
