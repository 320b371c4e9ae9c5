import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { decide, GROUPS, notificationIds, requestsFor } from '../emulator-kit.ts';
import { signIn } from '../popup-kit.ts';
import { defineRow } from './define-row.ts';
import { type Cell, text } from './kit.ts';
import { expectRefreshError, expectRowState, popupOf, refreshIndicator } from './rows-kit.ts';

// The background's approval watch: Adele's request for SG-Billing-Administrators waits for an
// approver; the approver approves while the fault lasts; the watch's poll must find out (badge,
// notification, list). The watch polls on its alarm 30 seconds, then 1, 2, 5… minutes after the
// request; here the wait is skipped: the test marks the poll as due in the watch's own state and
// lets its alarm fire now (Chromium fires an unpacked extension's alarm without the 30 s minimum).
const GROUP = GROUPS.billing;

/** The watch's next poll, now (if it still waits for a decision). */
async function pollNow(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const state = (await chrome.storage.local.get('cache:watch'))['cache:watch'] as {
      nextPendingPollMs: number | null;
    };
    // Nothing pending any more (a read since found the approval): no poll is due.
    if (state?.nextPendingPollMs == null) return;
    await chrome.storage.local.set({ 'cache:watch': { ...state, nextPendingPollMs: 0 } });
    await chrome.alarms.create('watch:next', { when: Date.now() });
  });
}

const poll = async (cell: Cell) => pollNow(await popupOf(cell));
const approvedNotification = new RegExp(`^activated:${GROUP.id}:member:\\d+$`);

defineRow(6, {
  id: 'approval-watch',
  label: 'approval watch',
  kind: 'read',
  target: { pathContains: '$batch', method: 'POST' },
  async prepare(cell) {
    await expect.poll(async () => (await refreshIndicator(cell)).state).toBe('ok');
    await expectRowState(cell, GROUP, text('statePending'));
    // What earlier cells notified is forgotten, so this cell's notification is its own.
    await cell.popup.evaluate(async () => {
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
      const state = (await chrome.storage.local.get('cache:watch'))['cache:watch'] as Record<string, unknown>;
      await chrome.storage.local.set({ 'cache:watch': { ...state, notified: {} } });
    });
    const [request] = await requestsFor(cell.stack, GROUP);
    await decide(cell.stack, request?.id ?? '', 'Approve');
  },
  start: poll,
  async expectRunning(cell) {
    await expect.poll(async () => (await refreshIndicator(cell)).text).toBe(text('popupRefreshing'));
  },
  expectMessage: (cell, sentence) => expectRefreshError(cell, sentence('')),
  async expectKept(cell) {
    await expectRowState(cell, GROUP, text('statePending'));
    expect(await notificationIds(cell.stack)).toEqual([]);
  },
  retry: poll,
  async expectDone(cell) {
    await expect
      .poll(() => notificationIds(cell.stack), { timeout: 20_000 })
      .toEqual([expect.stringMatching(approvedNotification)]);
    await expectRowState(cell, GROUP, /^Active until /);
  },
  signInAgain: (cell) => signIn(cell.stack),
  lookAgain: poll,
  wake: poll,
});
