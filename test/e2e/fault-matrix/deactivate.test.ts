import { expect } from 'vitest';
import { GROUPS, instanceFor, requestsFor } from '../emulator-kit.ts';
import { phrase, row, stateOf } from '../popup-kit.ts';
import { defineRow } from './define-row.ts';
import { type Cell, text } from './kit.ts';
import { expectRowError, expectRowState, popupOf, refreshFromPopup, reopenPopup } from './rows-kit.ts';

// Deactivating SG-Prod-AKS-Operators, active for two hours in the scenario, from the popup.
const GROUP = GROUPS.aks;
const ACTIVE = /^Active until .+ · .+ left$/;

const deactivate = async (cell: Cell) =>
  (await popupOf(cell)).getByRole('button', { name: `Deactivate ${phrase(GROUP)}`, exact: true }).click();

defineRow(4, {
  id: 'deactivate',
  label: 'deactivate',
  kind: 'write',
  target: { pathContains: 'group/assignmentScheduleRequests', method: 'POST' },
  async prepare(cell) {
    await expectRowState(cell, GROUP, ACTIVE);
  },
  start: deactivate,
  async expectRunning(cell) {
    const page = await popupOf(cell);
    await expect.poll(() => stateOf(row(page, GROUP)).textContent()).toBe(text('stateDeactivating'));
  },
  expectMessage: (cell, sentence) => expectRowError(cell, GROUP, sentence(GROUP.name)),
  async expectKept(cell) {
    // Still active, and still offered to deactivate.
    const page = await popupOf(cell);
    expect(await stateOf(row(page, GROUP)).textContent()).toMatch(ACTIVE);
    expect(await instanceFor(cell.stack, GROUP)).toBeDefined();
  },
  retry: deactivate,
  async expectDone(cell) {
    await expectRowState(cell, GROUP, /^Eligible/);
    const requests = await requestsFor(cell.stack, GROUP);
    expect(requests.map((r) => r.action)).toEqual(['selfDeactivate']);
    expect(await instanceFor(cell.stack, GROUP)).toBeUndefined();
  },
  lookAgain: refreshFromPopup,
  wake: async (cell) => {
    await reopenPopup(cell);
  },
});
