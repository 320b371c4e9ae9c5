// Popup helpers the rows share: the row of a group, its sentence, and a popup that is open.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Access, Group } from '../emulator-kit.ts';
import { openPopup, row, stateOf } from '../popup-kit.ts';
import { type Cell, text } from './kit.ts';

/** The cell's popup, opened again if the scenario closed it (the user clicks the toolbar button). */
export async function popupOf(cell: Cell): Promise<Page> {
  if (cell.popup.isClosed()) cell.popup = await openPopup(cell.stack);
  return cell.popup;
}

/** Closes the popup and opens it again: what a user does to look, and what wakes a stopped worker. */
export async function reopenPopup(cell: Cell): Promise<Page> {
  if (!cell.popup.isClosed()) await cell.popup.close();
  return popupOf(cell);
}

export const rowError = (page: Page, group: Group, access: Access = 'member') =>
  row(page, group, access).locator('.row__error p');

/** Eventually the row shows exactly this failure sentence. */
export async function expectRowError(cell: Cell, group: Group, sentence: string, access: Access = 'member') {
  const page = await popupOf(cell);
  await expect.poll(() => rowError(page, group, access).allTextContents(), { timeout: 20_000 }).toEqual([sentence]);
}

/** Eventually the row's state line matches, and no failure is shown for it. */
export async function expectRowState(cell: Cell, group: Group, state: RegExp | string, access: Access = 'member') {
  const page = await popupOf(cell);
  const item = row(page, group, access);
  await expect.poll(() => stateOf(item).textContent(), { timeout: 20_000 }).toMatch(state);
  expect(await rowError(page, group, access).allTextContents()).toEqual([]);
}

/** The popup's Refresh button, once the read it starts has finished. */
export async function refreshFromPopup(cell: Cell): Promise<void> {
  const page = await popupOf(cell);
  await page.getByRole('button', { name: text('popupRefresh'), exact: true }).click();
  await expect.poll(() => page.locator('.refresh-status').getAttribute('data-state')).not.toBe('refreshing');
}

/** The popup's refresh indicator: its state (refreshing, error, ok) and its text. */
export async function refreshIndicator(cell: Cell): Promise<{ state: string | null; text: string | null }> {
  const status = (await popupOf(cell)).locator('.refresh-status');
  return { state: await status.getAttribute('data-state'), text: await status.textContent() };
}

/** Eventually the indicator says the list could not be read, with this sentence after the time of the data shown. */
export async function expectRefreshError(cell: Cell, sentence: string): Promise<void> {
  await expect
    .poll(() => refreshIndicator(cell), { timeout: 20_000 })
    .toEqual({
      state: 'error',
      text: expect.stringMatching(new RegExp(`^Showing data from .+; ${escapeRegExp(sentence)}$`)),
    });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
