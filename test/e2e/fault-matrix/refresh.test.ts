import { expect } from 'vitest';
import { decide, GROUPS, requestsFor } from '../emulator-kit.ts';
import { signIn } from '../popup-kit.ts';
import { defineRow } from './define-row.ts';
import { text } from './kit.ts';
import {
  expectRefreshError,
  expectRowState,
  popupOf,
  refreshFromPopup,
  refreshIndicator,
  reopenPopup,
} from './rows-kit.ts';

// Reading the list from the popup (Refresh). While the fault lasts, the approver approves Adele's
// pending request for SG-Billing-Administrators: only a read that works can show it.
const GROUP = GROUPS.billing;

const clickRefresh = async (cell: Parameters<typeof popupOf>[0]) =>
  (await popupOf(cell)).getByRole('button', { name: text('popupRefresh'), exact: true }).click();

defineRow(0, {
  id: 'refresh',
  label: 'refresh',
  kind: 'read',
  target: { pathContains: '$batch', method: 'POST' },
  async prepare(cell) {
    // The read the popup started as it opened is over before Graph's state changes.
    await expect.poll(async () => (await refreshIndicator(cell)).state).toBe('ok');
    await expectRowState(cell, GROUP, text('statePending'));
    const [request] = await requestsFor(cell.stack, GROUP);
    await decide(cell.stack, request?.id ?? '', 'Approve');
  },
  start: clickRefresh,
  async expectRunning(cell) {
    await expect.poll(async () => (await refreshIndicator(cell)).text).toBe(text('popupRefreshing'));
  },
  expectMessage: (cell, sentence) => expectRefreshError(cell, sentence('')),
  async expectKept(cell) {
    // The list read before is still shown, as it was.
    await expectRowState(cell, GROUP, text('statePending'));
  },
  retry: clickRefresh,
  async expectDone(cell) {
    await expectRowState(cell, GROUP, /^Active until /);
    await expect.poll(() => refreshIndicator(cell)).toEqual({ state: 'ok', text: expect.stringMatching(/^Updated /) });
  },
  signInAgain: (cell) => signIn(cell.stack),
  lookAgain: refreshFromPopup,
  wake: async (cell) => {
    await reopenPopup(cell);
  },
});
