import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { control } from '../emulator/test-client.ts';
import { clearLog, GROUPS, type Group, instanceFor, requestsFor, schedulePosts } from './emulator-kit.ts';
import { activateButton, expectState, hasFocus, optionsButton, phrase, row } from './popup-kit.ts';
import { ask } from './stack.ts';
import { e2eSuite } from './suite.ts';

// Deactivation and the sentences the popup shows when something cannot be done. This file moves
// the emulator's clock, so it has a stack of its own.
const suite = e2eSuite();
let page: Page;

const ACTIVE = /^Active until .+ · .+ left$/;
const errorOf = (page: Page, group: Group) => row(page, group).locator('.row__error p');
const dismissButton = (page: Page, group: Group) =>
  page.getByRole('button', { name: `Dismiss the message for ${phrase(group)}`, exact: true });
const deactivateButton = (page: Page, group: Group) =>
  page.getByRole('button', { name: `Deactivate ${phrase(group)}`, exact: true });

describe('deactivating from the popup', () => {
  it('says when an activation is too young to end, and Dismiss clears the sentence', async () => {
    page = await suite.popup();
    const item = row(page, GROUPS.sqlAdmins);
    await activateButton(page, GROUPS.sqlAdmins).click();
    await expectState(item, ACTIVE);
    await clearLog(suite.stack);
    await deactivateButton(page, GROUPS.sqlAdmins).click();
    await expect.poll(() => errorOf(page, GROUPS.sqlAdmins).textContent()).toMatch(/5 minutes/);
    expect((await schedulePosts(suite.stack)).map((p) => p.status)).toEqual([400]);
    await expectState(item, ACTIVE);
    await dismissButton(page, GROUPS.sqlAdmins).click();
    await expect.poll(() => errorOf(page, GROUPS.sqlAdmins).count()).toBe(0);
    // Dismissed for good: the background forgot it too, so the next popup does not show it again.
    await page.close();
    page = await suite.popup();
    await expectState(row(page, GROUPS.sqlAdmins), ACTIVE);
    expect(await errorOf(page, GROUPS.sqlAdmins).count()).toBe(0);
  });

  it('deactivates an activation older than 5 minutes: the row is eligible again', async () => {
    await control(suite.stack.emu, '/clock', { advanceMs: 6 * 60_000 });
    page = await suite.popup();
    const item = row(page, GROUPS.sqlAdmins);
    await clearLog(suite.stack);
    await deactivateButton(page, GROUPS.sqlAdmins).click();
    await expectState(item, 'Eligible');
    expect(await activateButton(page, GROUPS.sqlAdmins).isVisible()).toBe(true);
    expect((await schedulePosts(suite.stack)).map((p) => p.status)).toEqual([201]);
    expect(await instanceFor(suite.stack, GROUPS.sqlAdmins)).toBeUndefined();
    expect((await requestsFor(suite.stack, GROUPS.sqlAdmins)).map((r) => r.action)).toEqual([
      'selfActivate',
      'selfDeactivate',
    ]);
  });
});

describe('policy problems in the popup', () => {
  it('the form says what is missing, next to the field, and sends nothing', async () => {
    page = await suite.popup();
    await clearLog(suite.stack);
    const item = row(page, GROUPS.webDeployers);
    await optionsButton(page, GROUPS.webDeployers).click();
    const reason = item.getByRole('textbox', { name: 'Reason' });
    await reason.clear();
    await item.getByLabel('Start').fill('2020-01-01T09:00');
    await item.getByRole('button', { name: 'Activate', exact: true }).click();
    const errors = () => item.locator('.field__error').allTextContents();
    await expect
      .poll(errors)
      .toEqual([
        "Enter a reason: this group's policy requires one.",
        "Enter the ticket number: this group's policy requires one.",
        'Enter the ticket system, for example ServiceNow.',
        'This start is in the past. Leave it empty to start now, or choose a later time.',
      ]);
    expect(await hasFocus(reason)).toBe(true);
    expect(await reason.getAttribute('aria-invalid')).toBe('true');

    // A duration above the maximum cannot even be chosen: the steps stop at the policy's maximum.
    await optionsButton(page, GROUPS.supportReaders).click();
    const readers = row(page, GROUPS.supportReaders);
    const duration = readers.getByRole('combobox', { name: 'Duration' });
    expect(await duration.locator('option').allTextContents()).toEqual(['30 min', '1 hr']);
    expect(await readers.getByText('At most 1 hr for this group.').count()).toBe(1);
    expect(await schedulePosts(suite.stack)).toEqual([]);
  });

  it('shows the sentence for each problem of a request the form would never send, and sends nothing', async () => {
    page = await suite.popup();
    await clearLog(suite.stack);
    const now = Date.parse((await control<{ now: string }>(suite.stack.emu, '/clock')).now);
    const cases: Array<[Group, Record<string, unknown>, string]> = [
      [
        GROUPS.helpdesk,
        { durationMinutes: 60, justification: '' },
        'This group needs a reason for the activation. Type a justification.',
      ],
      [
        GROUPS.supportReaders,
        { durationMinutes: 120, justification: 'Audit' },
        'This group allows at most 1 hour. Choose a shorter duration.',
      ],
      [
        GROUPS.webDeployers,
        { durationMinutes: 60, justification: 'Release' },
        'This group needs a ticket number and ticket system.',
      ],
      [
        GROUPS.dataPlatform,
        { durationMinutes: 2, justification: 'Quick look' },
        'An activation lasts at least 5 minutes.',
      ],
      [
        GROUPS.falcon,
        { durationMinutes: 60, justification: 'Late', startMs: now - 60 * 60_000 },
        'The start time has passed. Choose a later time, or leave it empty to start now.',
      ],
    ];
    for (const [group, request, sentence] of cases) {
      const reply = await ask(page, 'activate', { groupId: group.id, accessId: 'member', ...request });
      expect(reply, group.name).toMatchObject({ ok: false, error: { message: sentence } });
      await expect.poll(() => errorOf(page, group).textContent(), { message: group.name }).toBe(sentence);
      expect(await stateOfText(page, group), group.name).toMatch(/^Eligible/);
    }
    expect(await schedulePosts(suite.stack)).toEqual([]);
  });

  it("shows Graph's own policy sentence when the cached policy is out of date, then asks for what is missing", async () => {
    page = await suite.popup();
    // The policy as cached says no reason is needed (it changed since): one click sends none.
    await page.evaluate((key) => {
      return chrome.storage.local.get('cache:policies').then((stored) => {
        // Stored as one JSON string (packed: platform/storage.ts).
        const policies = JSON.parse(stored['cache:policies'] as string) as Record<
          string,
          { requirements: { justification: boolean } }
        >;
        const entry = policies[key];
        if (!entry) throw new Error(`no cached policy for ${key}`);
        entry.requirements.justification = false;
        return chrome.storage.local.set({ 'cache:policies': JSON.stringify(policies) });
      });
    }, `${GROUPS.legacy.id}:member`);
    await clearLog(suite.stack);
    await activateButton(page, GROUPS.legacy).click();
    await expect
      .poll(() => errorOf(page, GROUPS.legacy).textContent())
      .toBe('Legacy-FileShare-Editors requires a reason for the activation; enter a justification and try again.');
    expect((await schedulePosts(suite.stack)).map((p) => p.status)).toEqual([400]);
    // The background read the policy again, so the next click asks for the reason instead.
    await dismissButton(page, GROUPS.legacy).click();
    await activateButton(page, GROUPS.legacy).click();
    const reason = row(page, GROUPS.legacy).getByRole('textbox', { name: 'Reason' });
    await expect.poll(() => hasFocus(reason)).toBe(true);
    expect(await schedulePosts(suite.stack)).toHaveLength(1);
  });

  it('counts an activation of a permanent membership as already active, not as an error', async () => {
    page = await suite.popup();
    await clearLog(suite.stack);
    const reply = await ask(page, 'activate', {
      groupId: GROUPS.vpn.id,
      accessId: 'member',
      durationMinutes: 60,
      justification: 'Remote work',
    });
    expect(reply).toMatchObject({ ok: true, value: { status: 'alreadyActive' } });
    expect((await schedulePosts(suite.stack)).map((p) => p.status)).toEqual([400]);
    await expectState(row(page, GROUPS.vpn), 'Permanent');
    expect(await errorOf(page, GROUPS.vpn).count()).toBe(0);
    const operations = await page.evaluate(() => chrome.storage.session.get('session:operations'));
    expect(operations['session:operations']).not.toHaveProperty(`${GROUPS.vpn.id}:member`);
  });
});

const stateOfText = (page: Page, group: Group) => row(page, group).locator('.row__state').textContent();
