import { describe, expect, it } from 'vitest';
import { control } from '../emulator/test-client.ts';
import { clearLog, emuState, GROUPS, requestsFor, schedulePosts } from './emulator-kit.ts';
import { applyManagedPolicy } from './policy.ts';
import { ask } from './stack.ts';
import { e2eSuite } from './suite.ts';

// Presets through the background of the production build: the user's own (stored the way the
// options page stores them) and the organisation's (managed policy), applied with one message.

const suite = e2eSuite({ keepOptionsPage: true });

interface Run {
  presetRef: string;
  running: boolean;
  results: Array<{ groupId: string; accessId: string; ok: boolean; status?: string; message?: string }>;
  finishedAtMs?: number;
}

const MINE_ID = '0e000000-0000-4000-8000-000000000001';
const MANAGED_ID = '0e000000-0000-4000-8000-000000000002';
const INVALID_ID = '0e000000-0000-4000-8000-000000000003';
const SHARED_ID = '0e000000-0000-4000-8000-000000000004';

function preset(id: string, name: string, tenantId: string, groups: string[], extra: Record<string, unknown> = {}) {
  return {
    id,
    name,
    entries: groups.map((groupId) => ({ groupId, accessId: 'member' })),
    // More than every group here allows: each is capped at its own policy maximum.
    durationMinutes: 480,
    justification: 'Release {ticket} on {date}',
    ticketSystem: 'ServiceNow',
    ticketNumber: 'CHG0001',
    appUrl: 'https://portal.azure.com/',
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
    tenantId,
    ...extra,
  };
}

const presetSet = (presets: unknown[]) => ({ format: 'pim-groups-presets', version: 1, presets });

const badgeText = () => suite.stack.ext.worker.evaluate(() => chrome.action.getBadgeText({}));
const storedRun = (ref: string) =>
  suite.options.evaluate(async (id) => {
    const runs = (await chrome.storage.session.get('session:presetRuns'))['session:presetRuns'] as
      | Record<string, Run>
      | undefined;
    return runs?.[id];
  }, ref);
/** What Chromium publishes of the `presets` policy (after its schema check). */
const managedPolicy = () =>
  suite.options.evaluate(
    async () =>
      (await chrome.storage.managed.get('presets')).presets as { presets?: Array<{ id: string }> } | undefined,
  );

describe('presets (production build, emulator)', () => {
  it("applies the user's preset: every entry with its own policy, already active counts as done", async () => {
    const mine = preset(MINE_ID, 'Release night', suite.stack.emu.tenantId, [
      GROUPS.sqlAdmins.id, // no requirements: active
      GROUPS.roleAdmins.id, // approval (and MFA): pending
      GROUPS.aks.id, // already active in the scenario: RoleAssignmentExists
    ]);
    await suite.options.evaluate((p) => chrome.storage.local.set({ 'presets:mine': [p] }), mine);
    expect((await ask(suite.options, 'refresh', { force: true })).ok).toBe(true);
    const before = (await emuState(suite.stack)).requests.length;
    await clearLog(suite.stack);

    const started = Date.now();
    const reply = await ask<Run>(suite.options, 'applyPreset', {
      presetRef: `mine:${MINE_ID}`,
      ticketNumber: 'CHG0042',
    });
    const elapsed = Date.now() - started;
    expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
    expect(reply.value).toMatchObject({ presetRef: `mine:${MINE_ID}`, running: false });
    expect(reply.value?.results).toEqual([
      { groupId: GROUPS.sqlAdmins.id, accessId: 'member', ok: true, status: 'active' },
      { groupId: GROUPS.roleAdmins.id, accessId: 'member', ok: true, status: 'pendingApproval' },
      { groupId: GROUPS.aks.id, accessId: 'member', ok: true, status: 'alreadyActive' },
    ]);
    expect(await storedRun(`mine:${MINE_ID}`)).toEqual(reply.value);

    // Three POSTs: two created requests, the AKS one was refused as RoleAssignmentExists (400).
    const log = await control<Array<{ method: string; path: string; status: number }>>(suite.stack.emu, '/log');
    const posts = log.filter((l) => l.method === 'POST' && l.path.includes('assignmentScheduleRequests'));
    expect(posts.map((p) => p.status).sort()).toEqual([201, 201, 400]);
    expect((await emuState(suite.stack)).requests.length).toBe(before + 2);

    // Each with the preset's values, the ticket typed when applying, the duration capped per group.
    const [sql] = (await requestsFor(suite.stack, GROUPS.sqlAdmins)).slice(-1);
    const [roles] = (await requestsFor(suite.stack, GROUPS.roleAdmins)).slice(-1);
    expect(sql?.justification).toMatch(/^Release CHG0042 on \d{4}-\d{2}-\d{2}$/);
    expect(sql?.ticketInfo).toEqual({ ticketNumber: 'CHG0042', ticketSystem: 'ServiceNow' });
    expect(sql?.scheduleInfo?.expiration.duration).toBe('PT8H');
    expect(roles?.scheduleInfo?.expiration.duration).toBe('PT2H');
    expect(roles?.status).toBe('PendingApproval');

    // The badge treats them like any activation.
    await expect.poll(badgeText, { timeout: 10_000 }).toMatch(/\d/);
    // The stale-access prompt returns to the preset's app.
    const appUrls = await suite.options.evaluate(
      async () => (await chrome.storage.local.get('presets:appUrls'))['presets:appUrls'],
    );
    expect(appUrls).toMatchObject({ [`${GROUPS.sqlAdmins.id}:member`]: { url: 'https://portal.azure.com/' } });
    console.info(`applyPreset with 3 entries answered in ${elapsed} ms`);
  });

  it('runs once for a double click; a second run counts the active ones as done', async () => {
    await clearLog(suite.stack);
    const [a, b] = await Promise.all([
      ask<Run>(suite.options, 'applyPreset', { presetRef: `mine:${MINE_ID}` }),
      ask<Run>(suite.options, 'applyPreset', { presetRef: `mine:${MINE_ID}` }),
    ]);
    expect(a).toEqual(b);
    expect(a.value?.results.map((r) => [r.ok, r.status])).toEqual([
      [true, 'alreadyActive'],
      [false, undefined], // the request still waits for approval: PIM refuses a second one
      [true, 'alreadyActive'],
    ]);
    expect(a.value?.results[1]?.message).toBeTruthy();
    // One POST per entry, not two.
    expect((await schedulePosts(suite.stack)).length).toBe(3);
  });

  it("applies the organisation's preset by its id, and ignores an invalid policy value", async () => {
    // As exported by the extension (marked managed), plus a field no version knows: Chromium drops
    // both unknown properties and publishes the rest.
    const managed = preset(MANAGED_ID, 'Support rota', suite.stack.emu.tenantId, [GROUPS.webDeployers.id], {
      appUrl: '',
      ticketNumber: undefined,
      managed: true,
      colour: 'red',
    });
    await clearLog(suite.stack);
    await applyManagedPolicy(suite.stack.ext, {
      tenant: suite.stack.emu.tenantId,
      clientId: suite.stack.emu.clientId,
      presets: presetSet([managed]),
    });
    await expect.poll(async () => (await managedPolicy())?.presets?.[0]?.id, { timeout: 20_000 }).toBe(MANAGED_ID);
    // The options page shows it locked: marked managed, no edit or delete.
    const managedRow = suite.options.locator(`li[data-preset-id="${MANAGED_ID}"]`);
    await expect.poll(() => managedRow.textContent(), { timeout: 20_000 }).toContain('Managed by your organisation');
    expect(await managedRow.getByRole('button', { name: 'Edit Support rota' }).count()).toBe(0);
    expect(await managedRow.getByRole('button', { name: 'Delete Support rota' }).count()).toBe(0);
    // Nothing ran because the policy arrived: let the watcher finish its step, then look at the log.
    await suite.stack.ext.worker.evaluate(() =>
      (globalThis as unknown as { pim: { tick(): Promise<void> } }).pim.tick(),
    );
    expect(await schedulePosts(suite.stack)).toEqual([]);

    // The group needs a ticket and the preset has none: refused with the reason, nothing sent.
    const reply = await ask<Run>(suite.options, 'applyPreset', { presetRef: `org:${MANAGED_ID}` });
    expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
    expect(reply.value?.results).toEqual([
      {
        groupId: GROUPS.webDeployers.id,
        accessId: 'member',
        ok: false,
        message: 'This group needs a ticket number and ticket system.',
      },
    ]);
    expect((await schedulePosts(suite.stack)).length).toBe(0);
    // With the ticket typed when applying, it runs.
    const again = await ask<Run>(suite.options, 'applyPreset', {
      presetRef: `org:${MANAGED_ID}`,
      ticketNumber: 'INC0077',
    });
    expect(again.value?.results).toEqual([
      { groupId: GROUPS.webDeployers.id, accessId: 'member', ok: true, status: 'active' },
    ]);
    expect((await schedulePosts(suite.stack)).length).toBe(1);

    // Valid for Chromium's schema, refused by the extension (the same group twice): ignored as a whole.
    const invalid = preset(INVALID_ID, 'Broken', suite.stack.emu.tenantId, [GROUPS.vpn.id, GROUPS.vpn.id]);
    await applyManagedPolicy(suite.stack.ext, {
      tenant: suite.stack.emu.tenantId,
      clientId: suite.stack.emu.clientId,
      presets: presetSet([invalid]),
    });
    await expect.poll(async () => (await managedPolicy())?.presets?.[0]?.id, { timeout: 20_000 }).toBe(INVALID_ID);
    await clearLog(suite.stack);
    const refused = await ask(suite.options, 'applyPreset', { presetRef: `org:${INVALID_ID}` });
    expect(refused).toMatchObject({ ok: false, error: { code: 'presetNotFound' } });
    expect(refused.error?.message).toMatch(/no longer exists/);
    expect(await schedulePosts(suite.stack)).toEqual([]);
    expect(suite.stack.ext.pageErrors).toEqual([]);
  });

  it("Apply on the organisation's preset runs the organisation's entries when the user has one with the same id", async () => {
    // The enterprise guide's "export, then push": the admin's own preset and the pushed copy share
    // an id, with different groups here so the emulator shows whose entries ran.
    const own = preset(SHARED_ID, 'Shared (mine)', suite.stack.emu.tenantId, [GROUPS.supportReaders.id]);
    const pushed = preset(SHARED_ID, 'Shared (organisation)', suite.stack.emu.tenantId, [GROUPS.helpdesk.id]);
    await suite.options.evaluate((p) => chrome.storage.local.set({ 'presets:mine': [p] }), own);
    await applyManagedPolicy(suite.stack.ext, {
      tenant: suite.stack.emu.tenantId,
      clientId: suite.stack.emu.clientId,
      presets: presetSet([pushed]),
    });
    await expect.poll(async () => (await managedPolicy())?.presets?.[0]?.id, { timeout: 20_000 }).toBe(SHARED_ID);
    const supportBefore = (await requestsFor(suite.stack, GROUPS.supportReaders)).length;
    const helpdeskBefore = (await requestsFor(suite.stack, GROUPS.helpdesk)).length;
    await clearLog(suite.stack);

    const popup = await suite.stack.ext.openPopup();
    const rows = popup.locator(`li[data-preset-id="${SHARED_ID}"]`);
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2);
    expect(await rows.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-preset-ref')))).toEqual([
      `mine:${SHARED_ID}`,
      `org:${SHARED_ID}`,
    ]);
    await popup
      .locator(`li[data-preset-ref="org:${SHARED_ID}"]`)
      .getByRole('button', { name: 'Apply Shared (organisation)' })
      .click();
    await expect.poll(() => storedRun(`org:${SHARED_ID}`), { timeout: 20_000 }).toMatchObject({ running: false });
    expect((await storedRun(`org:${SHARED_ID}`))?.results).toEqual([
      { groupId: GROUPS.helpdesk.id, accessId: 'member', ok: true, status: 'active' },
    ]);
    // Exactly one request, for the organisation's group; the user's copy ran nothing.
    expect((await schedulePosts(suite.stack)).length).toBe(1);
    expect((await requestsFor(suite.stack, GROUPS.helpdesk)).length).toBe(helpdeskBefore + 1);
    expect((await requestsFor(suite.stack, GROUPS.supportReaders)).length).toBe(supportBefore);
    expect(await storedRun(`mine:${SHARED_ID}`)).toBeUndefined();
    await popup.close();
    expect(suite.stack.ext.pageErrors).toEqual([]);
  });
});
