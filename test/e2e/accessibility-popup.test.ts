import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { control } from '../emulator/test-client.ts';
import { expectAccessible, placeholderContrast, press, SOON } from './a11y-kit.ts';
import { GROUPS } from './emulator-kit.ts';
import { activateButton, expectState, hasFocus, inTwoHours, optionsButton, row, signIn } from './popup-kit.ts';
import { e2eSuite } from './suite.ts';

// axe-core over the popup of the production build in each state a user meets, in the light and the
// dark theme (zero violations of WCAG 2.2 A/AA and axe's best practices). The states follow one
// another on one stack: signed out, loading, the list, an open form, a failure, pending, scheduled.
const suite = e2eSuite({ signIn: false });
let page: Page;
afterEach(async () => {
  await control(suite.stack.emu, '/faults', undefined, 'DELETE');
});

const announcer = (p: Page) => p.locator('[aria-live="polite"]');
const addFault = (rule: Record<string, unknown>) => control(suite.stack.emu, '/faults', rule);

// Four axe runs in some tests (two states, two themes): generous on a busy machine.
describe('popup accessibility (axe, light and dark)', { timeout: 120_000 }, () => {
  it('signed out: the sign-in prompt', async () => {
    page = suite.track(await suite.stack.ext.openPopup());
    await expect.poll(() => page.getByText('Sign in to see your groups').isVisible(), { timeout: 20_000 }).toBe(true);
    await expectAccessible(page, 'signed out');
  });

  it('loading: signed in, the first list still on its way', async () => {
    // Graph holds every answer for a while, so the popup opens before the first list exists.
    // Long enough to outlast four axe runs on a loaded 2-core machine (10 s did not, once).
    await addFault({ type: 'latency', latencyMs: 30_000, match: { area: 'graph' } });
    await signIn(suite.stack);
    page = suite.track(await suite.stack.ext.openPopup());
    const loading = page.getByText('Loading your groups…');
    await loading.waitFor();
    await expectAccessible(page, 'loading');
    // Still the loading state that was checked.
    expect(await loading.isVisible()).toBe(true);
    await page.getByRole('list', { name: 'Groups' }).waitFor({ timeout: 60_000 });
    // The reads after the list (the approver check) were slowed too: let them finish here, so the
    // next test does not join a refresh still under way.
    await control(suite.stack.emu, '/faults', undefined, 'DELETE');
    await expect.poll(() => page.locator('.refresh-status').textContent(), { timeout: 60_000 }).toMatch(/^Updated /);
  });

  it('the list: eligible, active and pending rows, the refresh line', async () => {
    page = await suite.popup();
    await expectState(row(page, GROUPS.billing), 'Pending approval');
    await expect.poll(() => page.locator('.refresh-status').textContent(), SOON).toMatch(/^Updated /);
    await expectAccessible(page, 'list');
    // axe leaves placeholders out: the search box's must read as text does (4.5:1) in both themes.
    const search = page.getByRole('searchbox', { name: 'Search groups' });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await placeholderContrast(search), colorScheme).toBeGreaterThanOrEqual(4.5);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    // What a screen reader gets: a list of items named by group, access and state, with named buttons.
    const snapshot = await row(page, GROUPS.helpdesk).ariaSnapshot();
    expect(snapshot).toMatch(/^- listitem "Helpdesk Tier 2 Member Eligible":/);
    for (const name of [
      'Pin Helpdesk Tier 2 as member to the top',
      'Activate Helpdesk Tier 2 as member',
      'Activation options for Helpdesk Tier 2 as member',
    ]) {
      expect(snapshot).toContain(`button "${name}"`);
    }
  });

  it('an open activation form with a ticket, requirement chips and recent reasons', async () => {
    page = await suite.popup();
    await optionsButton(page, GROUPS.webDeployers).click();
    const item = row(page, GROUPS.webDeployers);
    await item.getByRole('textbox', { name: 'Ticket number' }).waitFor();
    await expectAccessible(page, 'form');
    // The same form after a submit with everything missing: errors next to the fields.
    await item.getByRole('textbox', { name: 'Reason' }).clear();
    await item.getByRole('button', { name: 'Activate', exact: true }).click();
    await item.locator('.field__error').first().waitFor();
    await expectAccessible(page, 'form with errors');
  });

  it('a failed activation (Graph fault) and a failed refresh', async () => {
    page = await suite.popup();
    await addFault({
      type: '500',
      match: { area: 'graph', method: 'POST', pathContains: 'assignmentScheduleRequests' },
    });
    await activateButton(page, GROUPS.sqlAdmins).click();
    const error = row(page, GROUPS.sqlAdmins).locator('.row__error');
    await error.waitFor({ timeout: 20_000 });
    // Both failures are also said in the polite live region, for those who cannot see the row.
    await expect.poll(() => announcer(page).textContent(), SOON).toMatch(/^SG-Prod-SQL-Admins: .+/);
    await addFault({ type: '503', match: { area: 'graph' } });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect
      .poll(() => page.locator('.refresh-status').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('error');
    await expect.poll(() => announcer(page).textContent(), SOON).toMatch(/^Showing data from .+; .+/);
    await expectAccessible(page, 'failures');

    // Dismissing the message from the keyboard leaves the focus on the row, where it is visible.
    await control(suite.stack.emu, '/faults', undefined, 'DELETE');
    const sql = row(page, GROUPS.sqlAdmins);
    await sql.getByRole('button', { name: /^Dismiss/ }).focus();
    await press(page, 'Enter');
    await expect.poll(() => error.count(), SOON).toBe(0);
    expect(await hasFocus(sql)).toBe(true);
  });

  it('pending approval and scheduled rows after activating them', async () => {
    page = await suite.popup();
    const roleAdmins = row(page, GROUPS.roleAdmins);
    await optionsButton(page, GROUPS.roleAdmins).click();
    await roleAdmins.getByRole('textbox', { name: 'Reason' }).fill('Quarterly access review');
    await roleAdmins.getByRole('button', { name: 'Activate', exact: true }).click();
    await expectState(roleAdmins, 'Pending approval');

    const falcon = row(page, GROUPS.falcon);
    await optionsButton(page, GROUPS.falcon).click();
    await falcon.getByRole('textbox', { name: 'Reason' }).fill('Falcon go-live');
    await falcon.getByLabel('Start').fill(await inTwoHours(page));
    await falcon.getByRole('button', { name: 'Activate', exact: true }).click();
    await expectState(falcon, /^Scheduled for /);
    await expectAccessible(page, 'pending and scheduled');
  });
});

describe('reduced motion', () => {
  it('nothing moves in the popup or the options page when the user asks for reduced motion', async () => {
    page = await suite.popup();
    // A refresh held by Graph keeps the refresh button's spinner going.
    await addFault({ type: 'latency', latencyMs: 8_000, match: { area: 'graph' } });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.locator('[data-spinning]').waitFor();
    const running = () => page.evaluate(() => document.getAnimations().length);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await running()).toBeGreaterThan(0);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(running, SOON).toBe(0);
    expect(await page.locator('[data-spinning]').count()).toBe(1);
    expect(await moving(page)).toEqual([]);

    const options = await suite.stack.ext.openOptions();
    await options.emulateMedia({ reducedMotion: 'reduce' });
    await options.getByRole('button', { name: 'New preset' }).click();
    expect(await options.evaluate(() => document.getAnimations().length)).toBe(0);
    expect(await moving(options)).toEqual([]);
    await options.close();
  });
});

/** Elements (and their pseudo-elements) that declare an animation or a transition. */
const moving = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('*')].flatMap((el) =>
      [null, '::before', '::after'].flatMap((pseudo) => {
        const style = getComputedStyle(el, pseudo);
        const timed = (list: string) => list.split(',').some((d) => Number.parseFloat(d) > 0);
        return style.animationName !== 'none' || timed(style.transitionDuration)
          ? [`${el.tagName.toLowerCase()}.${el.className}${pseudo ?? ''}`]
          : [];
      }),
    ),
  );
