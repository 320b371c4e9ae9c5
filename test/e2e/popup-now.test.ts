import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './a11y-kit.ts';
import { clearLog, GROUPS, moveClock, schedulePosts } from './emulator-kit.ts';
import { expectState, hasFocus, openPopup, row, signIn } from './popup-kit.ts';
import { type Stack, startStack } from './stack.ts';

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
