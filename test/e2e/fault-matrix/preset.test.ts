import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { GROUPS, instanceFor, requestsFor } from '../emulator-kit.ts';
import { row, stateOf } from '../popup-kit.ts';
import { defineRow } from './define-row.ts';
import { type Cell, text } from './kit.ts';
import { expectRowState, popupOf, refreshFromPopup, reopenPopup } from './rows-kit.ts';

// Applying a preset of two groups (no rules; a reason required) from the popup.
const NAME = 'Fault matrix on-call';
const ENTRIES = [GROUPS.sqlAdmins, GROUPS.helpdesk];
const PRESET_ID = '0f000000-0000-4000-8000-000000000001';

const applyButton = (page: Page) => page.getByRole('button', { name: text('presetsApply', NAME), exact: true });
const results = (page: Page) =>
  page.getByRole('list', { name: text('presetsResultsLabel', NAME) }).getByRole('listitem');
const storedPresets = (page: Page) =>
  page.evaluate(async () => (await chrome.storage.local.get('presets:mine'))['presets:mine']);

const apply = async (cell: Cell) => applyButton(await popupOf(cell)).click();
/** The reason each request carried: the preset's template with today's date (Graph's clock). */
const reasonPattern = /^On call \d{4}-\d{2}-\d{2}$/;

defineRow(2, {
  id: 'preset',
  label: 'activate a preset',
  kind: 'write',
  target: { pathContains: 'group/assignmentScheduleRequests', method: 'POST' },
  async prepare(cell) {
    // Stored the way the options page stores the user's presets.
    const preset = {
      id: PRESET_ID,
      name: NAME,
      entries: ENTRIES.map((g) => ({ groupId: g.id, accessId: 'member' })),
      durationMinutes: 60,
      justification: 'On call {date}',
      createdAt: '2026-11-01T09:00:00.000Z',
      updatedAt: '2026-11-01T09:00:00.000Z',
      tenantId: cell.stack.emu.tenantId,
    };
    const page = await popupOf(cell);
    await page.evaluate((p) => chrome.storage.local.set({ 'presets:mine': [p] }), preset);
    await applyButton(page).waitFor();
  },
  start: apply,
  async expectRunning(cell) {
    const page = await popupOf(cell);
    await expect.poll(() => page.getByRole('button', { name: text('presetsApplying', NAME) }).count()).toBe(1);
  },
  async expectMessage(cell, sentence) {
    const page = await popupOf(cell);
    await expect
      .poll(() => results(page).allTextContents(), { timeout: 20_000 })
      .toEqual(ENTRIES.map((g) => `${text('presetsResultFailed', g.name, sentence(g.name))}${text('presetsRetry')}`));
  },
  async expectKept(cell) {
    // The preset is still there as it was, and each failed group offers Retry.
    const page = await popupOf(cell);
    expect(await storedPresets(page)).toMatchObject([{ id: PRESET_ID, name: NAME, justification: 'On call {date}' }]);
    expect(await applyButton(page).isEnabled()).toBe(true);
    for (const g of ENTRIES) {
      expect(await page.getByRole('button', { name: text('presetsRetryLabel', g.name), exact: true }).count()).toBe(1);
      expect(await stateOf(row(page, g)).textContent()).toMatch(/^Eligible/);
    }
  },
  retry: apply,
  async expectDone(cell) {
    for (const g of ENTRIES) {
      await expectRowState(cell, g, /^Active until /);
      const requests = await requestsFor(cell.stack, g);
      expect(
        requests.map((r) => r.action),
        g.name,
      ).toEqual(['selfActivate']);
      expect(requests[0]?.justification, g.name).toMatch(reasonPattern);
      expect(await instanceFor(cell.stack, g), g.name).toBeDefined();
    }
    // The run's lines, if the popup shows one, say every group is done.
    const page = await popupOf(cell);
    const lines = await results(page).allTextContents();
    for (const line of lines) expect(line).not.toContain(text('presetsRetry'));
  },
  lookAgain: refreshFromPopup,
  async retryInterrupted(cell) {
    // Only the group whose request Graph held was surely sent; the other may have been cut short.
    const page = await popupOf(cell);
    for (const g of ENTRIES) {
      const retry = page.getByRole('button', { name: text('presetsRetryLabel', g.name), exact: true });
      if ((await retry.count()) === 0) continue;
      const line = results(page).filter({ has: retry });
      expect(await line.textContent()).toBe(
        `${text('presetsResultFailed', g.name, text('operationInterruptedActivate', g.name))}${text('presetsRetry')}`,
      );
      await retry.click();
    }
  },
  wake: async (cell) => {
    await reopenPopup(cell);
  },
});
