import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PAINT_MARKS } from '../../src/popup/paint-marks.ts';
import { control } from '../emulator/test-client.ts';
import { expectAccessible, SOON } from './a11y-kit.ts';
import { clearLog, GROUPS, moveClock, schedulePosts } from './emulator-kit.ts';
import { expectState, hasFocus, openPopup, row, signIn, topRow } from './popup-kit.ts';
import { ask, type Stack, startStack } from './stack.ts';

// The "Now" section (issue 19) in the built popup against the demo tenant, where Adele has one
// pending approval (SG-Billing-Administrators) and one activation with 2 hours left
// (SG-Prod-AKS-Operators) among 16 items: they come first, and rows move as their state changes.
let stack: Stack;
let page: Page;
beforeAll(async () => {
  stack = await startStack();
  await signIn(stack);
});
afterAll(async () => {
  await stack?.close();
});
afterEach(async () => {
  if (!page?.isClosed()) await page?.close();
  expect(stack.ext.pageErrors).toEqual([]);
});

/** The first rows as "heading|name" (heading empty when the row starts no section). */
const layout = (page: Page, count: number) =>
  page
    .locator('li[data-key]')
    .evaluateAll(
      (rows, n) =>
        rows
          .slice(0, n)
          .map(
            (r) =>
              `${r.querySelector('.row__section')?.textContent ?? ''}|${r.querySelector('.row__name')?.textContent}`,
          ),
      count,
    );

describe('the Now section', () => {
  it('lists the pending approval and the activation first, the activation with its time-left bar', async () => {
    page = await openPopup(stack);
    expect(await layout(page, 3)).toEqual([
      'Now|SG-Billing-Administrators',
      '|SG-Prod-AKS-Operators',
      'All groups|Azure Subscription Owners – Finance',
    ]);
    const bar = page.getByRole('meter', { name: 'Time left' });
    expect(await bar.count()).toBe(1);
    expect(await row(page, GROUPS.aks).getByRole('meter').getAttribute('aria-valuetext')).toMatch(
      /^(2 hr|1 hr 59 min) left of 4 hr$/,
    );
  });

  it('passes axe (light and dark) with the section headings, the time-left meter and the admin center menu open', async () => {
    page = await openPopup(stack);
    await page.getByRole('meter', { name: 'Time left' }).waitFor();
    await page.locator('details.popup__menu summary').click();
    await page.getByRole('link', { name: 'My roles › Groups' }).waitFor();
    expect(
      await page
        .locator('details.popup__menu a')
        .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).host)),
    ).toEqual(['entra.microsoft.com', 'entra.microsoft.com']);
    await expectAccessible(page, 'Now section, menu open');
  });

  it('moves a row into Now when it is activated from the keyboard, keeping the focus, and to Recent after', async () => {
    page = await openPopup(stack);
    await clearLog(stack);
    const sql = row(page, GROUPS.sqlAdmins);
    await sql.focus();
    await page.keyboard.press('Enter');
    await expectState(sql, /^Active until .+ · .+ left$/);
    // Within Now the usual order holds: just used (recent) before the rest A–Z.
    expect(await layout(page, 4)).toEqual([
      'Now|SG-Prod-SQL-Admins',
      '|SG-Billing-Administrators',
      '|SG-Prod-AKS-Operators',
      'All groups|Azure Subscription Owners – Finance',
    ]);
    expect(await hasFocus(sql)).toBe(true);
    expect((await schedulePosts(stack)).map((p) => p.status)).toEqual([201]);

    // PIM keeps an activation at least 5 minutes; then Deactivate moves it to the recent ones.
    await moveClock(stack, 6);
    await sql.getByRole('button', { name: 'Deactivate SG-Prod-SQL-Admins as member' }).focus();
    await page.keyboard.press('Space');
    await expectState(sql, 'Eligible');
    await expect
      .poll(() => layout(page, 4))
      .toEqual([
        'Now|SG-Billing-Administrators',
        '|SG-Prod-AKS-Operators',
        'Recent|SG-Prod-SQL-Admins',
        'All groups|Azure Subscription Owners – Finance',
      ]);
    // The button under the focus became Activate; the focus moved down with its row.
    expect(await hasFocus(sql.getByRole('button', { name: 'Activate SG-Prod-SQL-Admins as member' }))).toBe(true);
  });
});

// Each popup saves the list's first screen, and so does the worker after each refresh; the next
// popup paints it before reading the whole list when the list is still the one it was saved from
// (src/popup/list-head.ts). Last in this file: it ends the activation the tests above expect.
describe('the first screen from the last popup', () => {
  /** The revision the background stored with the list, and the saved first screen's. */
  const saved = (on: Page) =>
    on.evaluate(async () => {
      const local = await chrome.storage.local.get(['cache:listStamp', 'cache:listHead']);
      const head = JSON.parse((local['cache:listHead'] as string | undefined) ?? 'null') as {
        revision: string;
        total: number;
        items: { groupName: string }[];
      } | null;
      const stamp = local['cache:listStamp'] as { revision: string } | undefined;
      return {
        stamp: stamp?.revision,
        head: head?.revision,
        names: head?.items.map((i) => i.groupName),
        total: head?.total,
      };
    });

  it('is saved for the list shown, and again by the worker when the list changes with no popup open', async () => {
    page = await openPopup(stack);
    // Saved a second after the list is there (the test before changed the list and the recent
    // groups, so an older head of the same list may be stored until then): the rows the popup
    // shows first, with the revision the worker stored with the list.
    const shown = () => page.locator('li[data-key] .row__name').evaluateAll((rows) => rows.map((r) => r.textContent));
    // What was last seen is in the failure message: the stored revisions, the saved rows and those shown.
    await expect
      .poll(async () => {
        const [stored, names] = await Promise.all([saved(page), shown()]);
        return { ...stored, shown: names.slice(0, 13) };
      }, SOON)
      .toSatisfy(({ head, stamp, names, shown }) => head === stamp && JSON.stringify(names) === JSON.stringify(shown));
    expect((await saved(page)).total).toBe(16);
    await page.close();

    // With no popup open, the activation is ended from the settings page: the list changes.
    const options = await stack.ext.openOptions();
    const before = (await saved(options)).stamp;
    expect((await ask(options, 'deactivate', { groupId: GROUPS.aks.id, accessId: 'member' })).ok).toBe(true);
    await expect.poll(async () => (await saved(options)).stamp, SOON).not.toBe(before);
    // The worker saves the new list's first screen after its refresh: no popup has shown that list.
    await expect.poll(() => saved(options), SOON).toSatisfy(({ head, stamp }) => head !== undefined && head === stamp);
    const workerSaved = await saved(options);
    await options.close();

    // Every state the next popup's row shows, from its first render on.
    page = await stack.ext.context.newPage();
    await page.addInitScript(() => {
      const states: string[] = [];
      Object.assign(window, { aksStates: states });
      new MutationObserver(() => {
        const row = [...document.querySelectorAll('li[data-key]')].find(
          (r) => r.querySelector('.row__name')?.textContent === 'SG-Prod-AKS-Operators',
        );
        const state = row?.querySelector('.row__state')?.textContent;
        if (state && states.at(-1) !== state) states.push(state);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.goto(stack.ext.url('src/popup/index.html'));
    await expectState(row(page, GROUPS.aks), 'Eligible');
    expect(await page.evaluate(() => (window as unknown as { aksStates: string[] }).aksStates)).toEqual(['Eligible']);
    // Painted from the worker's first screen, which is exactly the rows the popup shows.
    expect(await page.evaluate((mark) => performance.getEntriesByName(mark).length, PAINT_MARKS.fromHead)).toBe(1);
    // (Polled: the whole list takes over from the first screen a moment after the paint, and a read
    // in that moment once found 12 rows under a loaded CI run.)
    await expect.poll(async () => (await shown()).slice(0, 13), SOON).toEqual(workerSaved.names);
    expect(await saved(page)).toEqual(workerSaved);
  });
});

// The demo's 16 rows are rendered whole, and the popup scrolls. A newer list that puts a group above
// the row the user sees (renamed in Entra, or newly eligible) must not move the view: the rows opt
// out of the browser's scroll anchoring, and the list keeps that row in place itself (WindowedRows).
describe('the list, scrolled', () => {
  it('keeps the row the user sees where it is when a newer list brings a group above it', async () => {
    // From the top: not where an earlier test's popup left the list.
    await stack.ext.worker.evaluate(() => chrome.storage.session.remove('session:popupScroll'));
    page = await openPopup(stack);
    const shown = page;
    await expect.poll(() => shown.locator('li[data-key]').count(), SOON).toBe(16);
    // A shorter popup (a small browser window), so that the row at the top can move up by one:
    // scrolled to the bottom, there is no room to keep it.
    await shown.setViewportSize({ width: 380, height: 400 });
    await shown.mouse.move(100, 200);
    await shown.mouse.wheel(0, 420);
    await expect.poll(() => shown.evaluate(() => scrollY), SOON).toBe(420);
    const before = await topRow(shown);
    const room = await shown.evaluate(() => document.documentElement.scrollHeight - innerHeight - scrollY);
    expect(room).toBeGreaterThan(80);
    expect(before.position).toBeGreaterThan(3); // below the top of "All groups", where the group goes
    // The last group A–Z that has one row and nothing in motion: renamed to sort first, it moves
    // from below the row the user sees to the top of "All groups", above it.
    const moving = await shown.evaluate(async () => {
      const stored = (await chrome.storage.local.get('cache:snapshot'))['cache:snapshot'] as string;
      type Item = { groupId: string; groupName: string; active?: unknown; pending?: unknown; scheduled?: unknown };
      const items = (JSON.parse(stored) as { items: Item[] }).items;
      const once = items.filter(
        (i) => items.filter((j) => j.groupId === i.groupId).length === 1 && !i.active && !i.pending && !i.scheduled,
      );
      return once.at(-1) as Item;
    });
    const rename = (displayName: string) => control(stack.emu, `/groups/${moving.groupId}`, { displayName });
    try {
      await rename('AAA Moved to the top');
      expect((await ask(shown, 'refresh', { force: true })).ok).toBe(true);
      await expect.poll(async () => (await topRow(shown)).position, SOON).toBe(before.position + 1);
      const after = await topRow(shown);
      expect(after.key).toBe(before.key);
      expect(Math.abs(after.offset - before.offset)).toBeLessThan(2);
    } finally {
      await rename(moving.groupName);
      expect((await ask(shown, 'refresh', { force: true })).ok).toBe(true);
    }
  });
});
