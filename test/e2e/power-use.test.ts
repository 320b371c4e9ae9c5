import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clearLog, GROUPS, schedulePosts } from './emulator-kit.ts';
import { applyManagedPolicy } from './policy.ts';
import { activateButton, expectState, hasFocus, openPopup, optionsButton, row } from './popup-kit.ts';
import { e2eSuite } from './suite.ts';

// Issue 10 in the built extension against the emulator: the toolbar shortcut, the "pim" address
// bar keyword, the activation history on the options page, and settings the organisation manages.
const suite = e2eSuite();
const track = (page: Page) => suite.track(page);

/** Chromium's extension events have an untyped `dispatch` that runs the registered listeners. */
type Dispatchable = { dispatch(...args: unknown[]): void };

describe('keyboard shortcut', () => {
  // Headless Chromium has no toolbar: a real key press cannot open the popup here. What can be
  // checked is that Chromium registered the command with its suggested key.
  it('registers Alt+Shift+G to open the popup', async () => {
    const commands = await suite.stack.ext.worker.evaluate(() => chrome.commands.getAll());
    expect(commands).toContainEqual(expect.objectContaining({ name: '_execute_action', shortcut: 'Alt+Shift+G' }));
  });
});

describe('address bar keyword', () => {
  it('suggests eligible groups through the registered listener, escaped for Chromium', async () => {
    const suggest = () =>
      suite.stack.ext.worker.evaluate(
        () =>
          new Promise<chrome.omnibox.SuggestResult[]>((resolve) => {
            (chrome.omnibox.onInputChanged as unknown as Dispatchable).dispatch('help tier', resolve);
          }),
      );
    // Suggestions come from the cached list, which the refresh after sign-in may still be writing.
    await expect.poll(suggest, { timeout: 10_000 }).toEqual([
      {
        content: `${GROUPS.helpdesk.id}:member`,
        description: '<match>Help</match>desk <match>Tier</match> 2 <dim>· Member</dim>',
      },
    ]);
  });

  it('opens the chosen group’s activation form, focused, and activates nothing by itself', async () => {
    await clearLog(suite.stack);
    const opened = suite.stack.ext.context.waitForEvent('page', (p) => p.url().includes('?group='));
    await suite.stack.ext.worker.evaluate((content) => {
      (chrome.omnibox.onInputEntered as unknown as Dispatchable).dispatch(content, 'newForegroundTab');
    }, `${GROUPS.helpdesk.id}:member`);
    const page = track(await opened);
    // With the one-time token that tells the page the link is the extension's own (issue 16).
    expect(new URL(page.url()).search).toMatch(
      new RegExp(
        `^\\?group=${GROUPS.helpdesk.id}&access=member&link=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$`,
      ),
    );
    const item = row(page, GROUPS.helpdesk);
    const reason = item.getByRole('textbox', { name: 'Reason' });
    await expect.poll(() => hasFocus(reason), { timeout: 15_000 }).toBe(true);
    expect(await optionsButton(page, GROUPS.helpdesk).getAttribute('aria-expanded')).toBe('true');
    expect(await schedulePosts(suite.stack)).toEqual([]);
  });
});

describe('activation history', () => {
  it('lists an activation made in the popup and exports it as CSV', async () => {
    const popup = track(await openPopup(suite.stack));
    await activateButton(popup, GROUPS.sqlAdmins).click();
    await expectState(row(popup, GROUPS.sqlAdmins), /^Active until /);

    const options = track(await suite.stack.ext.openOptions());
    const history = options.getByRole('table', { name: 'Activation history, newest first' });
    const first = history.getByRole('row').nth(1);
    await expect.poll(() => first.textContent(), { timeout: 15_000 }).toContain(GROUPS.sqlAdmins.name);
    expect(await first.textContent()).toContain('Active');
    // The table, its sort button and the controls around it pass axe's WCAG checks.
    const axe = await new AxeBuilder({ page: options })
      .include('section.history')
      .withTags(['wcag2a', 'wcag2aa'])
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(axe.passes.map((p) => p.id)).toContain('th-has-data-cells');

    const download = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^pim-history-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await file.path()) ?? '', 'utf8');
    const [heading, line] = csv.split('\r\n');
    expect(heading).toBe(
      'Requested,Group,Group ID,Access,Start,Duration (minutes),Reason,Ticket system,Ticket number,Outcome,Error',
    );
    expect(line).toContain(`,${GROUPS.sqlAdmins.name},${GROUPS.sqlAdmins.id},Member,`);
    expect(line).toMatch(/,Active,$/);
  });

  // Alarms may not outlive an update or a browser restart (Chrome's alarms reference): the prune
  // that keeps the retention promise is set again by each, as it is by every history write.
  it('sets its prune alarm again after an update and after a browser start took it', async () => {
    const pruneAlarms = () =>
      suite.stack.ext.worker.evaluate(async () =>
        (await chrome.alarms.getAll()).map((a) => a.name).filter((n) => n.startsWith('history')),
      );
    expect(await pruneAlarms()).toEqual(['history:prune']);
    for (const event of ['onInstalled', 'onStartup'] as const) {
      await suite.stack.ext.worker.evaluate(() => chrome.alarms.clear('history:prune'));
      expect(await pruneAlarms()).toEqual([]);
      await suite.stack.ext.worker.evaluate(
        (event) => (chrome.runtime[event] as unknown as Dispatchable).dispatch({ reason: 'update' }),
        event,
      );
      await expect.poll(pruneAlarms).toEqual(['history:prune']);
    }
  });
});

describe('settings the organisation manages', () => {
  it('locks the notification settings and retention it sets, and offers its default duration', async () => {
    await applyManagedPolicy(suite.stack.ext, {
      tenant: suite.stack.emu.tenantId,
      clientId: suite.stack.emu.clientId,
      notifications: { approval: false, waitingOnYou: false, expiringLeadMinutes: 30 },
      historyRetentionDays: 30,
      defaultDurationMinutes: 60,
    });
    const options = track(await suite.stack.ext.openOptions());
    const approval = options.locator('#notify-approval');
    await expect.poll(() => approval.isDisabled(), { timeout: 20_000 }).toBe(true);
    expect(await approval.isChecked()).toBe(false);
    expect(await options.locator('#notify-approval-locked').textContent()).toBe("Set by your organisation's policy.");
    // The approver's notification too (notifications.waitingOnYou).
    const waiting = options.locator('#notify-waitingOnYou');
    expect([await waiting.isDisabled(), await waiting.isChecked()]).toEqual([true, false]);
    expect(await options.locator('#notify-lead').inputValue()).toBe('30');
    expect(await options.locator('#notify-lead').isDisabled()).toBe(true);
    // What the policy leaves open stays the user's.
    expect(await options.locator('#notify-ended').isDisabled()).toBe(false);
    const retention = options.locator('#history-retention');
    expect(await retention.inputValue()).toBe('30');
    expect(await retention.isDisabled()).toBe(true);
    expect(await options.locator('#history-retention-locked').textContent()).toBe("Set by your organisation's policy.");

    // A group the user has never activated: the form offers the organisation's default.
    const popup = track(await openPopup(suite.stack));
    await optionsButton(popup, GROUPS.falcon).click();
    const duration = row(popup, GROUPS.falcon).getByLabel('Duration');
    await expect.poll(() => duration.inputValue()).toBe('60');
  });
});
