import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { LogEntry } from '../emulator/request-log.ts';
import { control } from '../emulator/test-client.ts';
import { expectAccessible, press, SOON } from './a11y-kit.ts';
import { clearLog, oneClickGroups } from './emulator-kit.ts';
import { topRow } from './popup-kit.ts';
import { ask } from './stack.ts';
import { e2eSuite } from './suite.ts';

// The windowed group list (issue 19) in the built popup, at the scale it is for: the `large`
// scenario's 1,000 groups. Only the rows on screen or near it are in the page; the keyboard,
// the search, screen readers and a reopened popup still see the whole list.
const suite = e2eSuite({ scenario: 'large' });

// The sign-in's read stores the first pages first (the progressive cold open): these tests start
// once the complete list is stored.
beforeAll(async () => {
  await vi.waitFor(
    async () => {
      const stored = await suite.stack.ext.worker.evaluate(async () => {
        const local = await chrome.storage.local.get(['cache:snapshot', 'cache:partialList']);
        const list = JSON.parse((local['cache:snapshot'] as string | undefined) ?? 'null') as {
          items: unknown[];
        } | null;
        return { items: list?.items.length ?? 0, partial: local['cache:partialList'] ?? null };
      });
      expect(stored).toEqual({ items: 1000, partial: null });
    },
    { timeout: 60_000, interval: 250 },
  );
});

interface Focused {
  name: string | undefined;
  position: number;
  size: number;
  /** The focused row is inside the popup's 600 px viewport. */
  onScreen: boolean;
}

const focused = (page: Page): Promise<Focused | undefined> =>
  page.evaluate(() => {
    const row = document.activeElement?.closest<HTMLElement>('li[data-key]');
    if (!row) return undefined;
    const box = row.getBoundingClientRect();
    return {
      name: row.querySelector('.row__name')?.textContent ?? undefined,
      position: Number(row.getAttribute('aria-posinset')),
      size: Number(row.getAttribute('aria-setsize')),
      onScreen: box.top >= 0 && box.bottom <= innerHeight,
    };
  });

/** Rows in the page, as [aria-posinset, aria-setsize]. */
const rendered = (page: Page) =>
  page
    .locator('li[data-key]')
    .evaluateAll((rows) =>
      rows.map((r) => [Number(r.getAttribute('aria-posinset')), Number(r.getAttribute('aria-setsize'))]),
    );

/**
 * Where the last rendered row of the list's top window lies against the window's end (one viewport
 * below the viewport, in the list's own coordinates, as WindowedRows plans it): it starts inside
 * it and ends below it.
 */
const windowEnd = (page: Page) =>
  page.evaluate(() => {
    const list = document.getElementById('groups');
    const last = [...(list?.querySelectorAll('li[data-key]') ?? [])].at(-1)?.getBoundingClientRect();
    const top = list?.getBoundingClientRect().top ?? 0;
    const end = -top + 2 * innerHeight;
    return { lastStartsInside: (last?.top ?? Infinity) - top <= end, lastEndsBelow: (last?.bottom ?? 0) - top > end };
  });

/** The names of the cached list, as the background stored them. */
const storedNames = (page: Page) =>
  page.evaluate(async () => {
    const snapshot = JSON.parse(
      ((await chrome.storage.local.get('cache:snapshot'))['cache:snapshot'] as string | undefined) ?? 'null',
    ) as {
      items: { groupName: string }[];
    };
    return snapshot.items.map((i) => i.groupName);
  });

describe('the popup with 1,000 groups', () => {
  it('renders a window of rows that says where each is, and the keyboard reaches the first and the last', async () => {
    const page = await suite.popup();
    const total = (await storedNames(page)).length;
    expect(total).toBe(1000);
    await expect.poll(() => page.locator('li.rows__spacer').count(), SOON).toBe(1);
    // The rows on screen first, then, once the page is idle, every row down to the one that
    // reaches a viewport below the 600 px popup, and not one more; numbered 1…n of 1,000.
    await expect.poll(() => windowEnd(page), SOON).toEqual({ lastStartsInside: true, lastEndsBelow: true });
    const rows = await rendered(page);
    expect(rows).toEqual(rows.map((_, i) => [i + 1, total]));

    await page.getByRole('searchbox').focus();
    await press(page, 'ArrowDown');
    expect(await focused(page)).toMatchObject({ position: 1, size: total, onScreen: true });
    await press(page, 'End');
    await expect.poll(() => focused(page), SOON).toMatchObject({ position: total, size: total, onScreen: true });
    await press(page, 'ArrowUp');
    expect(await focused(page)).toMatchObject({ position: total - 1, onScreen: true });
    // Still a window, now at the end of the list: the rows above are one spacer.
    expect((await rendered(page)).length).toBeLessThan(60);
    expect(await page.locator('li[data-key][tabindex="0"]').count()).toBe(1);
    await press(page, 'Home');
    await expect.poll(() => focused(page), SOON).toMatchObject({ position: 1, onScreen: true });
    await expectAccessible(page, 'the windowed list at the top');
  });

  it('searches the whole list, opens and closes a far row’s form with the keyboard, and Ctrl+F goes to the search', async () => {
    const page = await suite.popup();
    const names = await storedNames(page);
    const far = names[777] ?? '';
    const matching = names.filter((n) => n === far).length;
    // Pressed again until taken: the windowed list listens from its effect, a moment after it renders.
    await expect
      .poll(async () => {
        await page.keyboard.press('ControlOrMeta+f');
        return page.getByRole('searchbox').evaluate((el) => el === document.activeElement);
      }, SOON)
      .toBe(true);
    await page.keyboard.insertText(far);
    await expect
      .poll(() => rendered(page), SOON)
      .toEqual(Array.from({ length: matching }, (_, i) => [i + 1, matching]));
    await press(page, 'ArrowDown');
    expect(await focused(page)).toMatchObject({ name: far, position: 1, size: matching });
    // Space opens the activation form under the row; Escape closes it and gives the row the focus back.
    await press(page, ' ');
    const reason = page.getByRole('textbox', { name: 'Reason' });
    await reason.waitFor();
    await reason.focus();
    await press(page, 'Escape');
    await expect.poll(() => page.locator('form').count(), SOON).toBe(0);
    expect(await focused(page)).toMatchObject({ name: far, position: 1 });
    // Escape in the search box empties it: the whole list again, in windows.
    await page.getByRole('searchbox').focus();
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await rendered(page))[0], SOON).toEqual([1, names.length]);
  });

  it('opens again where the list was scrolled, however deep, and at the top once that is ten minutes old', async () => {
    const saved = () =>
      suite.stack.ext.worker.evaluate(
        async () =>
          (await chrome.storage.session.get('session:popupScroll'))['session:popupScroll'] as
            | { key: string; offset: number }
            | undefined,
      );
    // Deeper in the list, rows measured for the first time move every row below them by more: a
    // reopened popup went back 5 to 56 rows away from the saved one before WindowedRows kept it.
    // Each popup opens where the last one was, and scrolls on: to about rows 150, 370 and 590.
    let deepest = 0;
    for (const distance of [8_000, 12_000, 12_000]) {
      const scrolling = await suite.popup();
      await scrolling.mouse.move(100, 300);
      await scrolling.mouse.wheel(0, distance);
      await expect.poll(async () => (await topRow(scrolling)).position, SOON).toBeGreaterThan(deepest + 100);
      // Saved once the scrolling stops: the row at the top, where it is.
      await expect.poll(async () => (await saved())?.key === (await topRow(scrolling)).key, SOON).toBe(true);
      await scrolling.close();
      const last = await saved();

      const reopened = await suite.popup();
      await expect.poll(async () => (await topRow(reopened)).key, SOON).toBe(last?.key);
      // And still there, within 2 px (rows are fractions of a pixel high, scroll positions whole),
      // once the rows around it are in the page too (the overscan, rendered when the popup is
      // idle), each measured and the estimate of the others changed.
      await expect.poll(async () => (await rendered(reopened)).length, SOON).toBeGreaterThan(30);
      const settled = await topRow(reopened);
      expect(settled).toMatchObject({ key: last?.key, scrolled: true });
      expect(Math.abs(settled.offset - (last?.offset ?? Number.NaN))).toBeLessThan(2);
      deepest = settled.position;
      await reopened.close();
    }

    // Ten minutes later, a reopened popup starts at the top, with what is happening now.
    await suite.stack.ext.worker.evaluate(async () => {
      const key = 'session:popupScroll';
      const saved = (await chrome.storage.session.get(key))[key] as { atMs: number };
      await chrome.storage.session.set({ [key]: { ...saved, atMs: saved.atMs - 10 * 60_000 } });
    });
    const page = await suite.popup();
    await page.locator('li.rows__spacer').first().waitFor();
    expect(await topRow(page)).toMatchObject({ position: 1, scrolled: false });
  });

  it('sends the first click’s POST before anything else after the worker stopped, seconds after a refresh', async () => {
    const [group] = oneClickGroups(suite.stack.emu.state.scenario);
    if (!group) throw new Error('the large scenario has no group to activate with one click');
    let page = await suite.popup();
    expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
    await page.close();
    // Stopped within the interval in which a popup's refresh is skipped (refresh.ts): the new
    // worker has not heard Graph's clock, and would read Graph for it on the click's path.
    await suite.stack.ext.stopServiceWorker();
    page = await suite.popup();
    // Resolves once the read the popup asked for as it opened has ended (a page's refresh shares it).
    expect((await ask(page, 'refresh', {})).ok).toBe(true);
    await page.getByRole('searchbox').fill(group.name);
    await clearLog(suite.stack);
    await page.getByRole('button', { name: `Activate ${group.name} as member`, exact: true }).click();
    await expect
      .poll(() => page.locator(`li[data-key="${group.id}:member"] .row__state`).textContent(), SOON)
      .toMatch(/^Active until /);
    const log = await control<LogEntry[]>(suite.stack.emu, '/log');
    const post = log.findIndex((l) => l.method === 'POST' && l.path.includes('/assignmentScheduleRequests'));
    expect([post, log.slice(0, post).map((l) => `${l.method} ${l.path}`)]).toEqual([0, []]);
  });

  it('keeps the row the user sees where it is when a newer list brings a group above it', async () => {
    const page = await suite.popup();
    await page.mouse.move(100, 300);
    await page.mouse.wheel(0, 8_000);
    await expect.poll(async () => (await topRow(page)).position, SOON).toBeGreaterThan(100);
    await expect.poll(async () => (await rendered(page)).length, SOON).toBeGreaterThan(30);
    const before = await topRow(page);
    // The last group A–Z, renamed in Entra so that it sorts first: the next list has it above.
    const last = await page.evaluate(async () => {
      const stored = (await chrome.storage.local.get('cache:snapshot'))['cache:snapshot'] as string;
      const items = (JSON.parse(stored) as { items: Array<{ groupId: string; groupName: string }> }).items;
      return items.at(-1) as { groupId: string; groupName: string };
    });
    const rename = (displayName: string) => control(suite.stack.emu, `/groups/${last.groupId}`, { displayName });
    try {
      await rename('AAA Moved to the top');
      expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
      // One more row above it (its place in the list says so), and it has not moved on screen.
      await expect.poll(async () => (await topRow(page)).position, SOON).toBe(before.position + 1);
      const after = await topRow(page);
      expect(after).toMatchObject({ key: before.key, scrolled: true });
      expect(Math.abs(after.offset - before.offset)).toBeLessThan(2);
    } finally {
      await rename(last.groupName);
      expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
      await page.close();
    }
  });
});
