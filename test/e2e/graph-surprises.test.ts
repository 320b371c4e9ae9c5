import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SURPRISES } from '../emulator/scenarios/index.ts';
import { control } from '../emulator/test-client.ts';
import { clearLog, GROUPS, type Group, schedulePosts } from './emulator-kit.ts';
import { activateButton, expectState, row, stateOf } from './popup-kit.ts';
import { e2eSuite } from './suite.ts';

// What real Graph may hand the extension that the demo does not show (issue 17), in the popup of
// the built extension: a group deleted while its eligibility is still listed, and an activation
// scheduled for later. The `surprises` tenant is the demo plus those two; this file moves the
// emulator's clock, so it has a stack of its own.
const suite = e2eSuite({ scenario: 'surprises' });
let page: Page;

/** Not a demo group, so not in GROUPS: shaped like one for the row helpers. */
const DELETED = {
  id: SURPRISES.deletedGroup.id,
  name: `Group without a readable name (${SURPRISES.deletedGroup.id})`,
} as unknown as Group;

describe('a deleted group', () => {
  it('is listed under a label with its id, and activating it says the group may be gone', async () => {
    page = await suite.popup();
    const item = row(page, DELETED);
    await expectState(item, 'Eligible');
    // The rest of the list is there as usual.
    await expectState(row(page, GROUPS.sqlAdmins), 'Eligible');
    await clearLog(suite.stack);
    await activateButton(page, DELETED).click();
    // Its policy cannot be read (the group has none any more): the form says why, in words.
    const sentence = `Microsoft Graph has no PIM policy for ${DELETED.name}: the group may have been deleted or may no longer be managed by PIM. Refresh the list; if it is still shown, ask your administrator to remove this eligibility.`;
    const note = item.locator('.form-note[role="alert"]');
    await expect
      .poll(() => note.allTextContents(), { timeout: 15_000 })
      .toEqual([`This group's policy could not be read: ${sentence}`]);
    // Activating anyway ends in the same sentence on the row, and nothing is sent to PIM.
    await item.getByRole('textbox', { name: 'Reason' }).fill('Quarterly report');
    await item.getByRole('button', { name: 'Activate', exact: true }).click();
    await expect.poll(() => item.locator('.row__error p').allTextContents(), { timeout: 15_000 }).toEqual([sentence]);
    expect(await schedulePosts(suite.stack)).toEqual([]);
    await expectState(item, 'Eligible');
  });
});

describe('a scheduled activation', () => {
  it('shows as scheduled with its start, then as active once the start has passed', async () => {
    page = await suite.popup();
    const item = row(page, GROUPS.helpdesk);
    await expectState(item, /^Scheduled for /);
    expect(await activateButton(page, GROUPS.helpdesk).count()).toBe(0);
    await page.close();

    // Two hours later (the scheduled start) the instance exists, and the popup shows it active.
    await control(suite.stack.emu, '/clock', { advanceMs: 2 * 3_600_000 + 1_000 });
    page = await suite.popup();
    await expectState(row(page, GROUPS.helpdesk), /^Active until .+ · .+ left$/);
    expect(await stateOf(row(page, GROUPS.helpdesk)).textContent()).not.toMatch(/Scheduled/);
  });
});
