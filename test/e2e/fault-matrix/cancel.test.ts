import { expect } from 'vitest';
import { GROUPS, requestsFor } from '../emulator-kit.ts';
import { phrase, row, stateOf } from '../popup-kit.ts';
import { defineRow } from './define-row.ts';
import { type Cell, text } from './kit.ts';
import { expectRowError, expectRowState, popupOf, refreshFromPopup, reopenPopup } from './rows-kit.ts';

// Cancelling Adele's request for SG-Billing-Administrators, waiting for approval in the scenario.
const GROUP = GROUPS.billing;

const cancel = async (cell: Cell) =>
  (await popupOf(cell))
    .getByRole('button', { name: text('listCancelRequestLabel', phrase(GROUP)), exact: true })
    .click();

defineRow(5, {
  id: 'cancel',
  label: 'cancel',
  kind: 'write',
  target: { pathContains: '/cancel', method: 'POST' },
  async prepare(cell) {
    await expectRowState(cell, GROUP, text('statePending'));
  },
  start: cancel,
  async expectRunning(cell) {
    const page = await popupOf(cell);
    await expect.poll(() => stateOf(row(page, GROUP)).textContent()).toBe(text('stateCancelling'));
  },
  expectMessage: (cell, sentence) => expectRowError(cell, GROUP, sentence(GROUP.name)),
  async expectKept(cell) {
    // The pending request is still shown, and still pending at Graph.
    const page = await popupOf(cell);
    expect(await stateOf(row(page, GROUP)).textContent()).toBe(text('statePending'));
    expect((await requestsFor(cell.stack, GROUP)).map((r) => r.status)).toEqual(['PendingApproval']);
  },
  retry: cancel,
  async expectDone(cell) {
    await expectRowState(cell, GROUP, /^Eligible/);
    expect((await requestsFor(cell.stack, GROUP)).map((r) => r.status)).toEqual(['Canceled']);
  },
  lookAgain: refreshFromPopup,
  wake: async (cell) => {
    await reopenPopup(cell);
  },
});
