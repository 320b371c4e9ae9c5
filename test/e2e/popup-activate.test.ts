import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clearLog, GROUPS, instanceFor, requestsFor, schedulePosts } from './emulator-kit.ts';
import { activateButton, expectState, hasFocus, inTwoHours, optionsButton, row } from './popup-kit.ts';
import { e2eSuite } from './suite.ts';

// The popup as a user drives it: clicks, typing and keys in the real popup page, against the
// emulator. Each test uses its own groups, so their order matters only for remembered reasons.
const suite = e2eSuite();
let page: Page;

const ACTIVE = /^Active until .+ · .+ left$/;
const REASON = 'Investigating INC-4711';

describe('activating from the popup', () => {
  it('activates a group without requirements with one click: one POST, the row says until when', async () => {
    page = await suite.popup();
    await clearLog(suite.stack);
    await activateButton(page, GROUPS.sqlAdmins).click();
    await expectState(row(page, GROUPS.sqlAdmins), ACTIVE);
    expect(await page.getByTestId('announcer').textContent()).toMatch(/^SG-Prod-SQL-Admins is active until .+\.$/);
    expect((await schedulePosts(suite.stack)).map((p) => p.status)).toEqual([201]);
    expect(await instanceFor(suite.stack, GROUPS.sqlAdmins)).toMatchObject({ assignmentType: 'activated' });
  });

  it('opens the form on the reason when a one-click activation lacks one, then remembers it', async () => {
    page = await suite.popup();
    await clearLog(suite.stack);
    await activateButton(page, GROUPS.helpdesk).click();
    const item = row(page, GROUPS.helpdesk);
    const reason = item.getByRole('textbox', { name: 'Reason' });
    await expect.poll(() => hasFocus(reason)).toBe(true);
    expect(await optionsButton(page, GROUPS.helpdesk).getAttribute('aria-expanded')).toBe('true');
    expect(await schedulePosts(suite.stack)).toEqual([]);
    await page.keyboard.type(REASON);
    await item.getByRole('button', { name: 'Activate', exact: true }).click();
    await expectState(item, ACTIVE);
    expect((await requestsFor(suite.stack, GROUPS.helpdesk)).map((r) => [r.status, r.justification])).toEqual([
      ['Provisioned', REASON],
    ]);

    // The next group that needs a reason activates with one click, with the same reason.
    await activateButton(page, GROUPS.dataPlatform).click();
    await expectState(row(page, GROUPS.dataPlatform), ACTIVE);
    expect((await requestsFor(suite.stack, GROUPS.dataPlatform)).map((r) => [r.status, r.justification])).toEqual([
      ['Provisioned', REASON],
    ]);
    expect(await schedulePosts(suite.stack)).toHaveLength(2);
  });

  it('schedules an activation for a later start chosen in the form', async () => {
    page = await suite.popup();
    const item = row(page, GROUPS.falcon);
    await optionsButton(page, GROUPS.falcon).click();
    await item.getByRole('textbox', { name: 'Reason' }).fill('Falcon go-live');
    const later = await inTwoHours(page);
    await item.getByLabel('Start').fill(later);
    await item.getByRole('button', { name: 'Activate', exact: true }).click();
    await expectState(item, /^Scheduled for /);
    const [request] = await requestsFor(suite.stack, GROUPS.falcon);
    expect(request).toMatchObject({ status: 'Granted', justification: 'Falcon go-live' });
    const start = Date.parse(request?.scheduleInfo?.startDateTime ?? '');
    expect(Math.abs(start - (Date.parse(`${later}:00Z`) - (await tzOffsetMs(page))))).toBeLessThan(60_000);
    expect(await instanceFor(suite.stack, GROUPS.falcon)).toBeUndefined();
    // The background's next list knows the request too (its Cancel button needs the id).
    await expect
      .poll(() => snapshotItem(page, GROUPS.falcon.id))
      .toMatchObject({ scheduled: { requestId: request?.id } });
    await expectState(item, /^Scheduled for /);
  });

  it('sends the ticket number and system a group requires', async () => {
    page = await suite.popup();
    const item = row(page, GROUPS.webDeployers);
    await activateButton(page, GROUPS.webDeployers).click();
    // The most recent reason is remembered (and shown); the ticket is not, so the form opens on it.
    const ticket = item.getByRole('textbox', { name: 'Ticket number' });
    await expect.poll(() => hasFocus(ticket)).toBe(true);
    expect(await item.getByRole('textbox', { name: 'Reason' }).inputValue()).toBe('Falcon go-live');
    await page.keyboard.type('CHG0012345');
    await item.getByRole('textbox', { name: 'Ticket system' }).fill('ServiceNow');
    await item.getByRole('button', { name: 'Activate', exact: true }).click();
    await expectState(item, ACTIVE);
    expect(await requestsFor(suite.stack, GROUPS.webDeployers)).toMatchObject([
      {
        status: 'Provisioned',
        justification: 'Falcon go-live',
        ticketInfo: { ticketNumber: 'CHG0012345', ticketSystem: 'ServiceNow' },
      },
    ]);
  });

  it('sends one request for a double click, and one for two quick Enter presses', async () => {
    page = await suite.popup();
    await clearLog(suite.stack);
    await activateButton(page, GROUPS.supportReaders).dblclick();
    await expectState(row(page, GROUPS.supportReaders), ACTIVE);
    expect((await schedulePosts(suite.stack)).map((p) => p.status)).toEqual([201]);

    await clearLog(suite.stack);
    const devOps = row(page, GROUPS.devOps);
    await devOps.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expectState(devOps, ACTIVE);
    expect((await schedulePosts(suite.stack)).map((p) => p.status)).toEqual([201]);
  });

  it('finishes an activation when the popup closes right after the click', async () => {
    page = await suite.popup();
    await activateButton(page, GROUPS.finance).click();
    await page.close();
    await expect
      .poll(() => instanceFor(suite.stack, GROUPS.finance), { timeout: 15_000 })
      .toMatchObject({ assignmentType: 'activated' });
    expect((await requestsFor(suite.stack, GROUPS.finance)).map((r) => r.status)).toEqual(['Provisioned']);
    page = await suite.popup();
    await expectState(row(page, GROUPS.finance), ACTIVE);
  });

  it('keeps a half-typed reason when the popup closes and opens again', async () => {
    page = await suite.popup();
    await optionsButton(page, GROUPS.keyVault).click();
    const reason = row(page, GROUPS.keyVault).getByRole('textbox', { name: 'Reason' });
    await reason.clear();
    await reason.pressSequentially('Rotate the stor');
    await page.close();

    page = await suite.popup();
    await optionsButton(page, GROUPS.keyVault).click();
    expect(await row(page, GROUPS.keyVault).getByRole('textbox', { name: 'Reason' }).inputValue()).toBe(
      'Rotate the stor',
    );
  });

  it('works from the keyboard alone: / to search, ArrowDown, Enter to activate, Escape to close a form', async () => {
    page = await suite.popup();
    await clearLog(suite.stack);
    await page.locator('body').press('/');
    const search = page.getByRole('searchbox', { name: 'Search groups' });
    await expect.poll(() => hasFocus(search)).toBe(true);
    await page.keyboard.type('legacy');
    await expect.poll(() => page.getByRole('listitem').count()).toBe(1);
    await page.keyboard.press('ArrowDown');
    const legacy = row(page, GROUPS.legacy);
    await expect.poll(() => hasFocus(legacy)).toBe(true);
    await page.keyboard.press('Enter');
    await expectState(legacy, ACTIVE);
    expect((await schedulePosts(suite.stack)).map((p) => p.status)).toEqual([201]);

    // Space opens a row's form; Escape from inside it closes it and puts focus back on the row.
    await page.keyboard.press('/');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('keyvault');
    await page.keyboard.press('ArrowDown');
    const keyVault = row(page, GROUPS.keyVault);
    await expect.poll(() => hasFocus(keyVault)).toBe(true);
    await page.keyboard.press(' ');
    const reason = keyVault.getByRole('textbox', { name: 'Reason' });
    await reason.waitFor();
    for (let i = 0; i < 6 && !(await hasFocus(reason)); i++) {
      await page.keyboard.press('Tab');
    }
    expect(await hasFocus(reason)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => reason.count()).toBe(0);
    expect(await hasFocus(keyVault)).toBe(true);
    expect(await optionsButton(page, GROUPS.keyVault).getAttribute('aria-expanded')).toBe('false');
  });
});

/** The background's cached view of an item, as the popup reads it. */
const snapshotItem = (page: Page, groupId: string) =>
  page.evaluate(async (id) => {
    const stored = JSON.parse(
      ((await chrome.storage.local.get('cache:snapshot'))['cache:snapshot'] as string | undefined) ?? 'null',
    ) as {
      items: Array<{ groupId: string }>;
    };
    return stored.items.find((i) => i.groupId === id);
  }, groupId);

/** The browser's local time minus UTC, in ms (so a datetime-local value can be read as UTC). */
const tzOffsetMs = (page: Page) => page.evaluate(() => -new Date().getTimezoneOffset() * 60_000);
