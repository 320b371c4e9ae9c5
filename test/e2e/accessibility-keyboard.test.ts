import type { Page } from 'playwright-core';
import { parse } from 'tinyduration';
import { afterEach, describe, expect, it } from 'vitest';
import { control } from '../emulator/test-client.ts';
import { expectVisibleFocus, press, SOON, tabTo } from './a11y-kit.ts';
import { GROUPS, moveClock, requestsFor } from './emulator-kit.ts';
import { activateButton, expectState, hasFocus, optionsButton, phrase, row } from './popup-kit.ts';
import { e2eSuite } from './suite.ts';

// Keyboard only, in the production build against the emulator: every step is a key press, focus
// lands where src/popup/README.md (and the options page's presets section) say, and after every
// press the focused control shows a visible focus indicator with enough contrast. Then reduced
// motion and the live regions.
const suite = e2eSuite({ keepOptionsPage: true });
let page: Page;
afterEach(async () => {
  await control(suite.stack.emu, '/faults', undefined, 'DELETE');
});

const REASON = 'Patch night INC-2207';
const PRESET = 'Keyboard preset';
const announcer = (p: Page) => p.locator('[aria-live="polite"]');

describe('keyboard only', () => {
  it('popup: / and a name find a group, Space opens its form, a reason and a duration, Enter activates, Tab and Enter deactivate', async () => {
    page = await suite.popup();
    const sql = row(page, GROUPS.sqlAdmins);

    // "/" anywhere outside a text field focuses the search box; typing filters the list.
    await press(page, '/');
    expect(await hasFocus(page.getByRole('searchbox', { name: 'Search groups' }))).toBe(true);
    await page.keyboard.type('sql-admins');
    await expect.poll(() => page.getByRole('listitem').count(), SOON).toBe(1);
    // ArrowDown enters the list at its first row; Space opens the row's form and focus stays on the row.
    await press(page, 'ArrowDown');
    expect(await hasFocus(sql)).toBe(true);
    await press(page, ' ');
    const reason = sql.getByRole('textbox', { name: 'Reason' });
    await reason.waitFor();
    expect(await hasFocus(sql)).toBe(true);
    // Tab: the row's star, Activate, options, then the form.
    const stops = [];
    for (let i = 0; i < 4; i++) stops.push((await press(page, 'Tab')).name);
    expect(stops).toEqual([
      `Pin ${phrase(GROUPS.sqlAdmins)} to the top`,
      `Activate ${phrase(GROUPS.sqlAdmins)}`,
      `Activation options for ${phrase(GROUPS.sqlAdmins)}`,
      await reason.getAttribute('id'),
    ]);
    await page.keyboard.type(REASON);

    // The duration: one step shorter than the default, with the arrow keys.
    const duration = sql.getByRole('combobox', { name: 'Duration' });
    await tabTo(page, duration);
    const before = await duration.inputValue();
    await press(page, 'ArrowUp');
    const chosen = await duration.inputValue();
    expect(Number(chosen)).toBeLessThan(Number(before));

    // Enter on the form's Activate button sends it; the form closes and focus returns to the row.
    await tabTo(page, sql.getByRole('button', { name: 'Activate', exact: true }));
    await press(page, 'Enter');
    await expectState(sql, /^Active until /);
    await expect.poll(() => hasFocus(sql), SOON).toBe(true);
    await expectVisibleFocus(page);
    await expect.poll(() => announcer(page).textContent(), SOON).toMatch(/^SG-Prod-SQL-Admins is active until .+\.$/);
    const [request] = await requestsFor(suite.stack, GROUPS.sqlAdmins);
    expect(request).toMatchObject({ justification: REASON, status: 'Provisioned' });
    const sent = parse(request?.scheduleInfo?.expiration.duration ?? '');
    expect((sent.hours ?? 0) * 60 + (sent.minutes ?? 0)).toBe(Number(chosen));

    // Deactivation needs an activation at least 5 minutes old (Graph's rule).
    await moveClock(suite.stack, 6);
    // Enter on an active row does nothing; Tab reaches its Deactivate button.
    await press(page, 'Enter');
    const deactivate = page.getByRole('button', { name: `Deactivate ${phrase(GROUPS.sqlAdmins)}`, exact: true });
    await tabTo(page, deactivate, { max: 3 });
    await press(page, 'Enter');
    await expectState(sql, 'Eligible');
    await expect.poll(() => announcer(page).textContent(), SOON).toMatch(/SG-Prod-SQL-Admins/);
    // Focus stays in the row, on a control the user can see (the button that now says Activate).
    await expect.poll(() => hasFocus(activateButton(page, GROUPS.sqlAdmins)), SOON).toBe(true);
    await expectVisibleFocus(page);
    expect((await requestsFor(suite.stack, GROUPS.sqlAdmins)).map((r) => r.action)).toEqual([
      'selfActivate',
      'selfDeactivate',
    ]);
    // Escape closes a form from inside it and returns focus to its row.
    await press(page, 'Shift+Tab');
    await press(page, 'Shift+Tab');
    expect(await hasFocus(sql)).toBe(true);
    await press(page, ' ');
    await tabTo(page, reason);
    await press(page, 'Escape');
    await expect.poll(() => reason.count(), SOON).toBe(0);
    expect(await hasFocus(sql)).toBe(true);
    expect(await optionsButton(page, GROUPS.sqlAdmins).getAttribute('aria-expanded')).toBe('false');

    // The focus stays visible, with enough contrast, in the dark theme too.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectVisibleFocus(page);
    for (const key of ['Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', '/']) await press(page, key);
  });

  it('options: creates a preset, shares it as a code, deletes it and imports the code back', async () => {
    // This walk in the dark theme (the popup's was in the light one, and ends in the dark).
    await suite.options.emulateMedia({ colorScheme: 'dark' });
    await suite.options.reload();
    const heading = suite.options.getByRole('heading', { level: 1 });
    await expect.poll(() => hasFocus(heading), SOON).toBe(true);

    await tabTo(suite.options, suite.options.getByRole('button', { name: 'New preset' }), { max: 60 });
    await press(suite.options, 'Enter');
    const name = suite.options.getByLabel('Name', { exact: true });
    // The editor's heading takes focus (for screen readers); the next Tab is its first field.
    await expect.poll(() => hasFocus(suite.options.locator('#preset-editor-heading')), SOON).toBe(true);
    await press(suite.options, 'Tab');
    expect(await hasFocus(name)).toBe(true);
    await suite.options.keyboard.type(PRESET);
    await tabTo(suite.options, suite.options.getByRole('checkbox', { name: `${GROUPS.vpn.name} (Member)` }));
    await press(suite.options, ' ');
    await tabTo(suite.options, suite.options.getByLabel('Duration in minutes'));
    await press(suite.options, 'ControlOrMeta+a');
    await suite.options.keyboard.type('60');
    await tabTo(suite.options, suite.options.getByLabel('Justification', { exact: true }));
    await suite.options.keyboard.type('VPN for {date}');
    await tabTo(suite.options, suite.options.getByRole('button', { name: 'Save preset' }));
    await press(suite.options, 'Enter');
    // Saved: said in a status region, and focus on the new preset's Edit button.
    await expect.poll(() => suite.options.getByRole('status').filter({ hasText: 'Saved' }).count(), SOON).toBe(1);
    await expect.poll(() => hasFocus(suite.options.getByRole('button', { name: `Edit ${PRESET}` })), SOON).toBe(true);
    await expectVisibleFocus(suite.options);

    // Share it as a code: focus goes to the code, which the user copies.
    await tabTo(suite.options, suite.options.getByRole('button', { name: 'Create share code' }));
    await press(suite.options, 'Enter');
    const codeBox = suite.options.getByLabel('Share code', { exact: true });
    await expect.poll(() => hasFocus(codeBox), SOON).toBe(true);
    const code = await codeBox.inputValue();
    expect(code).toMatch(/^PIMG1\./);

    // Delete it (focus goes to Undo), then paste the code in the import box and review it.
    await tabTo(suite.options, suite.options.getByRole('button', { name: `Delete ${PRESET}` }), { back: true });
    await press(suite.options, 'Enter');
    await expect.poll(() => hasFocus(suite.options.getByRole('button', { name: /^Undo/ })), SOON).toBe(true);
    await expect
      .poll(() =>
        suite.options
          .getByRole('status')
          .filter({ hasText: `Deleted ${PRESET}` })
          .count(),
      )
      .toBe(1);
    await tabTo(suite.options, suite.options.getByLabel('Paste a share code'));
    await suite.options.keyboard.insertText(code);
    await press(suite.options, 'Tab');
    expect(await hasFocus(suite.options.getByRole('button', { name: 'Review share code' }))).toBe(true);
    await press(suite.options, 'Enter');
    const review = suite.options.getByRole('region', { name: 'Review the import' });
    await expect.poll(() => hasFocus(review.getByRole('heading')), SOON).toBe(true);
    expect(await review.textContent()).toContain('Will be added');
    await tabTo(suite.options, review.getByRole('button', { name: 'Import 1' }), { max: 3 });
    await press(suite.options, 'Enter');
    await expect
      .poll(() =>
        suite.options.evaluate(
          async () => (await chrome.storage.local.get('presets:mine'))['presets:mine'] as unknown[],
        ),
      )
      .toMatchObject([{ name: PRESET }]);
    await expect.poll(() => hasFocus(suite.options.locator('#presets-heading')), SOON).toBe(true);
    expect(
      await suite.options
        .getByRole('status')
        .filter({ hasText: /Imported/ })
        .count(),
    ).toBe(1);

    // Signing out and in again swaps the account buttons: the focus moves to the new one, never to the page.
    await tabTo(suite.options, suite.options.getByRole('button', { name: 'Sign out Adele Vance' }), {
      back: true,
      max: 60,
    });
    await press(suite.options, 'Enter');
    const signInButton = suite.options.getByRole('button', { name: 'Sign in', exact: true });
    await expect.poll(() => hasFocus(signInButton), { timeout: 15_000 }).toBe(true);
    await expectVisibleFocus(suite.options);
    await press(suite.options, 'Enter');
    await expect
      .poll(() => suite.options.getByText(/Signed in as Adele Vance/).isVisible(), { timeout: 15_000 })
      .toBe(true);
    await expect
      .poll(() => hasFocus(suite.options.getByRole('button', { name: 'Sign in with another account' })), SOON)
      .toBe(true);
    await expectVisibleFocus(suite.options);
  });
});
