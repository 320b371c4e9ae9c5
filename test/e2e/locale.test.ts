import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GROUPS, instanceFor } from './emulator-kit.ts';
import { expectState, momentText, signIn, stateOf } from './popup-kit.ts';
import { type Stack, startStack } from './stack.ts';

// The built extension in Chromium started in another UI language (LANGUAGE, as Linux sets it):
// the popup speaks it, formats times and durations the language's way, and in a right-to-left
// language (Arabic, for which there is no catalogue, so the text falls back to English) the
// layout mirrors without overflowing the 380-pixel popup.

const SQL = GROUPS.sqlAdmins;

interface Popup {
  page: Page;
  row: Locator;
}

/** The popup at a toolbar popup's size, once its list (named in the UI language) is painted. */
async function openPopup(stack: Stack, listName: string, rowName: RegExp): Promise<Popup> {
  const page = await stack.ext.openPopup();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.getByRole('list', { name: listName }).waitFor();
  return { page, row: page.getByRole('listitem', { name: rowName }) };
}

/** The end of Adele's activation as the emulator has it, in epoch ms. */
async function activationEnd(stack: Stack): Promise<number> {
  const end = Date.parse((await instanceFor(stack, SQL))?.endDateTime ?? '');
  expect(end).not.toBeNaN();
  return end;
}

/** The end the row should show, in `locale`'s style; the minute either side absorbs the server-time correction. */
const endTexts = (end: number, locale: string): string[] =>
  [end - 60_000, end, end + 60_000].map((t) => momentText(t, locale));

/** Left and right edges of an element, in CSS pixels. */
const edges = (locator: Locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right };
  });

/** Where an element's text sits (a block heading's box spans the whole line; its text does not). */
const textEdges = (locator: Locator) =>
  locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const r = range.getBoundingClientRect();
    return { left: r.left, right: r.right };
  });

/** Visible elements of the page that stick out of the viewport sideways, and whether the page scrolls sideways. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const outside = Array.from(document.querySelectorAll('main *'))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        // Screen-reader-only text is a clipped 1px box; it is not laid out for the eye.
        return r.width > 1 && r.height > 1 && (r.left < -0.5 || r.right > width + 0.5);
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { scrolls: document.documentElement.scrollWidth > width, outside };
  });

function session(language: string) {
  const state: { stack?: Stack; page?: Page } = {};
  beforeAll(async () => {
    state.stack = await startStack('demo', { language });
    await signIn(state.stack);
  });
  afterAll(async () => {
    await state.stack?.close();
  });
  afterEach(async () => {
    if (!state.page?.isClosed()) await state.page?.close();
    expect(state.stack?.ext.pageErrors).toEqual([]);
  });
  return state;
}

describe('German', () => {
  const s = session('de');

  it('shows the popup in German and activates with German times and durations', async () => {
    const stack = s.stack as Stack;
    const { page, row } = await openPopup(stack, 'Gruppen', /^SG-Prod-SQL-Admins Mitglied /);
    s.page = page;
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'de',
      'ltr',
    ]);
    expect(await page.title()).toBe('Ihre PIM-Gruppen');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ihre PIM-Gruppen');
    expect(await stateOf(row).textContent()).toBe('Berechtigt');

    await row.getByRole('button', { name: 'SG-Prod-SQL-Admins als Mitglied aktivieren', exact: true }).click();
    await expectState(row, /^Aktiv bis /);
    const match = /^Aktiv bis (.+) · noch (.+)$/.exec((await stateOf(row).textContent()) ?? '');
    expect(endTexts(await activationEnd(stack), 'de')).toContain(match?.[1]);
    // German short units: "8 Std.", "7 Std., 59 Min.", "45 Min.".
    expect(match?.[2]).toMatch(/^(\d+ Std\.(, \d+ Min\.)?|\d+ Min\.)$/);
    expect(await page.getByTestId('announcer').textContent()).toBe(`SG-Prod-SQL-Admins ist bis ${match?.[1]} aktiv.`);
  });

  it('lays the row out left to right: the group name before its buttons', async () => {
    const { page, row } = await openPopup(s.stack as Stack, 'Gruppen', /^SG-Prod-SQL-Admins Mitglied /);
    s.page = page;
    const name = await edges(row.locator('.row__name'));
    const actions = await edges(row.locator('.row__actions'));
    expect(name.left).toBeLessThan(actions.left);
    expect(await overflow(page)).toEqual({ scrolls: false, outside: [] });
  });

  it('shows the options page in German, with the Entra terms', async () => {
    const page = await (s.stack as Stack).ext.openOptions();
    s.page = page;
    expect(await page.title()).toBe('Einstellungen für PIM for Groups companion');
    // The page renders once its settings are read (CI run 131, under load, counted before that).
    await page.getByRole('heading', { name: 'Mandant und App-Registrierung' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Mandant und App-Registrierung' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Vorlagen', exact: true }).count()).toBe(1);
  });
});

describe('Japanese', () => {
  const s = session('ja');

  it('shows the popup in Japanese with the Entra terms and Japanese-formatted times', async () => {
    const stack = s.stack as Stack;
    const { page, row } = await openPopup(stack, 'グループ', /^SG-Prod-SQL-Admins メンバー /);
    s.page = page;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('PIM グループ');
    expect(await stateOf(row).textContent()).toBe('資格あり');

    await row.getByRole('button', { name: 'SG-Prod-SQL-Admins (メンバー) をアクティブ化', exact: true }).click();
    await expectState(row, /までアクティブ/);
    const match = /^(.+) までアクティブ · 残り (.+)$/.exec((await stateOf(row).textContent()) ?? '');
    expect(endTexts(await activationEnd(stack), 'ja')).toContain(match?.[1]);
    expect(match?.[2]).toMatch(/^(\d+ 時間( \d+ 分)?|\d+ 分)$/);
  });
});

describe('Arabic (right to left, English text)', () => {
  const s = session('ar');

  it('mirrors the layout without overflowing the popup', async () => {
    const { page, row } = await openPopup(s.stack as Stack, 'Groups', /^SG-Prod-SQL-Admins Member /);
    s.page = page;
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'ar',
      'rtl',
    ]);
    // No Arabic catalogue: Chromium falls back to the default locale's strings.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Your PIM groups');

    // Mirrored: the group name is at the right, its buttons to its left, the heading starts at the right.
    const name = await edges(row.locator('.row__name'));
    const actions = await edges(row.locator('.row__actions'));
    expect(name.right).toBeGreaterThan(actions.right);
    const heading = await textEdges(page.getByRole('heading', { level: 1 }));
    const main = await edges(page.locator('main'));
    expect(main.right - heading.right).toBeLessThan(heading.left - main.left);
    expect(await overflow(page)).toEqual({ scrolls: false, outside: [] });

    // The activation form opens mirrored too, still inside the popup.
    await row.getByRole('button', { name: 'Activation options for SG-Prod-SQL-Admins as member', exact: true }).click();
    await row.getByRole('button', { name: 'Activate', exact: true }).waitFor();
    expect(await overflow(page)).toEqual({ scrolls: false, outside: [] });
  });

  it('mirrors the options page: headings start at the right, nothing sticks out', async () => {
    const page = await (s.stack as Stack).ext.openOptions();
    s.page = page;
    await page.setViewportSize({ width: 800, height: 900 });
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const heading = await textEdges(page.getByRole('heading', { name: 'Tenant and app registration' }));
    const main = await edges(page.locator('main'));
    expect(main.right - heading.right).toBeLessThan(heading.left - main.left);
    expect(await overflow(page)).toEqual({ scrolls: false, outside: [] });
  });
});
