import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { control } from '../emulator/test-client.ts';
import { clearLog, decide, emuState, GROUPS, instanceFor, requestsFor, schedulePosts } from './emulator-kit.ts';
import { activateButton, expectState, phrase, row } from './popup-kit.ts';
import { e2eSuite } from './suite.ts';

// Requests that wait for someone else (approval), withdrawing one, and owner access, from the popup.
const suite = e2eSuite();
let page: Page;

const ACTIVE = /^Active until .+ · .+ left$/;
const REASON = 'Grant Graph consent for the HR app';

describe('approvals and owner access in the popup', () => {
  it('activates an owner-eligible group as owner: MFA step without a window, one POST, owner throughout', async () => {
    page = await suite.popup();
    await clearLog(suite.stack);
    const windows: Page[] = [];
    const onPage = (p: Page) => windows.push(p);
    suite.stack.ext.context.on('page', onPage);
    try {
      const item = row(page, GROUPS.marketing, 'owner');
      await activateButton(page, GROUPS.marketing, 'owner').click();
      // No reason is known yet: the form opens on it.
      await item.getByRole('textbox', { name: 'Reason' }).fill(REASON);
      await item.getByRole('button', { name: 'Activate', exact: true }).click();
      await expectState(item, ACTIVE);
    } finally {
      suite.stack.ext.context.off('page', onPage);
    }
    expect(windows).toEqual([]);
    // The MFA step asks for the reserved context p1: Entra's session cannot give it silently
    // (prompt=none never does MFA), so a sign-in that the emulator's user approves at once.
    const log = await control<Array<{ path: string; area: string }>>(suite.stack.emu, '/log');
    const authorize = log.filter((l) => l.area === 'authority' && l.path.includes('/authorize'));
    expect(
      authorize.map((l) => {
        const query = new URL(l.path, 'https://login.microsoftonline.com').searchParams;
        return [query.get('prompt'), query.get('claims')?.includes('"values":["p1"]')];
      }),
    ).toEqual([
      ['none', true],
      [null, true],
    ]);
    expect(await row(page, GROUPS.marketing, 'member').count()).toBe(0);
    expect((await schedulePosts(suite.stack)).map((p) => p.status)).toEqual([201]);
    const state = await emuState(suite.stack);
    const mine = state.requests.filter((r) => r.groupId === GROUPS.marketing.id);
    expect(mine).toMatchObject([
      { accessId: 'owner', status: 'Provisioned', scheduleInfo: { expiration: { duration: 'PT2H' } } },
    ]);
    expect(await instanceFor(suite.stack, GROUPS.marketing, 'owner')).toMatchObject({ accessId: 'owner' });
    expect(await instanceFor(suite.stack, GROUPS.marketing, 'member')).toBeUndefined();
  });
  it('waits for approval, and shows the activation once the approver said yes while the popup was closed', async () => {
    page = await suite.popup();
    const item = row(page, GROUPS.roleAdmins);
    // The reason given for the owner activation is remembered, so one click is enough.
    await activateButton(page, GROUPS.roleAdmins).click();
    await expectState(item, 'Pending approval');
    const [request] = await requestsFor(suite.stack, GROUPS.roleAdmins);
    expect(request).toMatchObject({ status: 'PendingApproval', justification: REASON });
    await page.close();

    await decide(suite.stack, request?.id ?? '', 'Approve');
    expect((await requestsFor(suite.stack, GROUPS.roleAdmins)).map((r) => r.status)).toEqual(['Provisioned']);
    page = await suite.popup();
    await expectState(row(page, GROUPS.roleAdmins), ACTIVE);
  });

  it('cancels a pending request with its Cancel request button', async () => {
    page = await suite.popup();
    const item = row(page, GROUPS.billing);
    await expectState(item, 'Pending approval');
    await clearLog(suite.stack);
    await page.getByRole('button', { name: `Cancel request for ${phrase(GROUPS.billing)}`, exact: true }).click();
    await expectState(item, 'Eligible');
    expect(await activateButton(page, GROUPS.billing).isVisible()).toBe(true);
    expect((await requestsFor(suite.stack, GROUPS.billing)).map((r) => r.status)).toEqual(['Canceled']);
    const log = await control<Array<{ method: string; path: string; status: number }>>(suite.stack.emu, '/log');
    expect(log.filter((l) => l.method === 'POST' && l.path.endsWith('/cancel')).map((l) => l.status)).toEqual([204]);
  });
});
