// Shared by the popup e2e files: open the popup as a toolbar popup would be sized, find rows by
// what a user (or a screen reader) reads, and look at what the emulator received.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Access, Group } from './emulator-kit.ts';
import { type Stack, signInAs } from './stack.ts';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * How a row names a moment, as a user reads it: the clock time when it is today, the short weekday
 * and the time when it falls on another day (an 8-hour activation started after 16:00 ends
 * tomorrow). Written here from the user's side rather than imported from the product, so a wrong
 * rule in the product fails the test.
 */
export function momentText(ms: number, locale: string, nowMs = Date.now()): string {
  const today = new Date(ms).toDateString() === new Date(nowMs).toDateString();
  const options: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
  return new Intl.DateTimeFormat(locale, today ? options : { weekday: 'short', ...options }).format(ms);
}

/** Two hours from now, as a datetime-local field takes it: the browser's local time. */
export const inTwoHours = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const d = new Date(Date.now() + 2 * 60 * 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  });

/** The popup in a tab, at the size of a toolbar popup, once the list (or its empty state) is painted. */
export async function openPopup(stack: Stack): Promise<Page> {
  const page = await stack.ext.openPopup();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.getByRole('list', { name: 'Groups' }).waitFor();
  return page;
}

/** Signs Adele in from an options page and waits until the background has the list. */
export async function signIn(stack: Stack): Promise<void> {
  const options = await stack.ext.openOptions();
  await signInAs(stack, options);
  await options.close();
}

/** The row at the top of the popup's viewport: its key, its place in the list and where it is. */
export const topRow = (page: Page) =>
  page.evaluate(() => {
    const row = [...document.querySelectorAll<HTMLElement>('li[data-key]')].find(
      (r) => r.getBoundingClientRect().bottom > 0,
    );
    return {
      key: row?.dataset.key,
      position: Number(row?.getAttribute('aria-posinset')),
      /** How far below the viewport's top the row's own top is. */
      offset: row?.getBoundingClientRect().top ?? Number.NaN,
      scrolled: scrollY > 0,
    };
  });

/** A row, by the group name and access badge its accessible name starts with. */
export const row = (page: Page, group: Group, access: Access = 'member'): Locator =>
  page.getByRole('listitem', {
    name: new RegExp(`^${escapeRegExp(group.name)} ${access === 'owner' ? 'Owner' : 'Member'} `),
  });

/** The row's one state line ("Eligible", "Active until 14:30 · 2 hr left", "Pending approval"…). */
export const stateOf = (item: Locator): Locator => item.locator('.row__state');

/** The phrase the row's buttons are named after. */
export const phrase = (group: Group, access: Access = 'member') => `${group.name} as ${access}`;

export const activateButton = (page: Page, group: Group, access: Access = 'member') =>
  page.getByRole('button', { name: `Activate ${phrase(group, access)}`, exact: true });
export const optionsButton = (page: Page, group: Group, access: Access = 'member') =>
  page.getByRole('button', { name: `Activation options for ${phrase(group, access)}`, exact: true });

/** Whether the element has the keyboard focus. */
export const hasFocus = (element: Locator): Promise<boolean> => element.evaluate((el) => el === document.activeElement);

/** Eventually the row's state line matches `text`. */
export async function expectState(item: Locator, text: RegExp | string): Promise<void> {
  await expect.poll(() => stateOf(item).textContent(), { timeout: 15_000 }).toMatch(text);
}
