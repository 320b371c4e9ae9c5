import { expect } from 'vitest';
import { GROUPS, instanceFor, requestsFor } from '../emulator-kit.ts';
import { optionsButton, row, stateOf } from '../popup-kit.ts';
import { defineRow } from './define-row.ts';
import type { Cell } from './kit.ts';
import { text } from './kit.ts';
import { expectRowError, expectRowState, popupOf, refreshFromPopup, reopenPopup } from './rows-kit.ts';

// Activating Helpdesk Tier 2 (a reason required) from the popup's form, with a typed reason.
const GROUP = GROUPS.helpdesk;
const REASON = 'Fault matrix: password reset for ticket 4711';

const reasonBox = async (cell: Cell) => row(await popupOf(cell), GROUP).getByRole('textbox', { name: 'Reason' });

/** The form, open (the user opens it again if the popup was reopened). */
async function form(cell: Cell) {
  const box = await reasonBox(cell);
  if (!(await box.isVisible())) await optionsButton(await popupOf(cell), GROUP).click();
  await box.waitFor();
  return box;
}

const submit = async (cell: Cell) =>
  row(await popupOf(cell), GROUP)
    .getByRole('button', { name: 'Activate', exact: true })
    .click();

defineRow(1, {
  id: 'activate',
  label: 'activate',
  kind: 'write',
  target: { pathContains: 'group/assignmentScheduleRequests', method: 'POST' },
  async prepare(cell) {
    await (await form(cell)).fill(REASON);
  },
  start: submit,
  async expectRunning(cell) {
    const page = await popupOf(cell);
    await expect.poll(() => stateOf(row(page, GROUP)).textContent()).toBe(text('stateActivating'));
  },
  expectMessage: (cell, sentence) => expectRowError(cell, GROUP, sentence(GROUP.name)),
  async expectKept(cell) {
    expect(await (await form(cell)).inputValue()).toBe(REASON);
  },
  async retry(cell) {
    await form(cell);
    await submit(cell);
  },
  async expectDone(cell) {
    await expectRowState(cell, GROUP, /^Active until /);
    const requests = await requestsFor(cell.stack, GROUP);
    expect(requests.map((r) => [r.action, r.justification])).toEqual([['selfActivate', REASON]]);
    expect(await instanceFor(cell.stack, GROUP)).toBeDefined();
  },
  lookAgain: refreshFromPopup,
  wake: async (cell) => {
    await reopenPopup(cell);
  },
});
