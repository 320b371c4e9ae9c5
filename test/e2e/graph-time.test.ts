import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearLog, GROUPS, moveClock, notificationIds, requestsFor, schedulePosts } from './emulator-kit.ts';
import { expectState, momentText, openPopup, row } from './popup-kit.ts';
import { ask, type Stack, signInAs, startStack } from './stack.ts';

// Time comes from Graph: a laptop clock that jumped an hour does not turn "now" into "in an hour",
// and an eligibility's end limits what is asked for, and so what the user is told afterwards.
const SQL = GROUPS.sqlAdmins; // PT8H, no rules
const FALCON = GROUPS.falcon; // PT8H, justification; here Adele's eligibility ends 10 minutes after the start
const M = 60_000;
const HOUR = 60 * M;

let stack: Stack;
let page: Page;
beforeAll(async () => {
  // The demo tenant, with Adele's Project Falcon eligibility ending 10 minutes after the emulator starts.
  const demo = JSON.parse(
    readFileSync(fileURLToPath(new URL('../emulator/scenarios/demo.json', import.meta.url)), 'utf8'),
  );
  const falcon = demo.eligibilities.find((e: { groupId: string }) => e.groupId === FALCON.id);
  falcon.endDateTime = '+PT10M';
  const dir = mkdtempSync(join(tmpdir(), 'pim-e2e-'));
  const scenario = join(dir, 'falcon-ends-soon.json');
  writeFileSync(scenario, JSON.stringify(demo));
  stack = await startStack(scenario);
  page = await stack.ext.openOptions();
  await signInAs(stack, page);
  expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
});
afterAll(async () => {
  await stack?.close();
});

const settled = () =>
  stack.ext.worker.evaluate(() => (globalThis as unknown as { pim: { tick(): Promise<void> } }).pim.tick());
const history = () =>
  page.evaluate(async () => (await chrome.storage.local.get('history:activations'))['history:activations']);

describe('time from Graph', () => {
  it('sends "now" as Graph’s now after the computer’s clock jumped an hour ahead', async () => {
    // The worker heard Graph's time (the refresh above); then the local clock jumps. Date.now is
    // what a clock change moves; the monotonic clock (performance.now) keeps going as before.
    await stack.ext.worker.evaluate((jump) => {
      const real = Date.now.bind(Date);
      Object.assign(globalThis, { realDateNow: real });
      Date.now = () => real() + jump;
    }, HOUR);
    try {
      await clearLog(stack);
      const reply = await ask(page, 'activate', {
        groupId: SQL.id,
        accessId: 'member',
        durationMinutes: 60,
        justification: 'Clock test',
      });
      expect(reply).toMatchObject({ ok: true, value: { status: 'active' } });
    } finally {
      await stack.ext.worker.evaluate(() => {
        Date.now = (globalThis as unknown as { realDateNow: () => number }).realDateNow;
      });
    }
    const [request] = await requestsFor(stack, SQL);
    expect(request?.status).toBe('Provisioned');
    // The start sent is Graph's now, not an hour later: within the seconds the request took.
    const sent = Date.parse(request?.scheduleInfo?.startDateTime ?? '');
    const created = Date.parse((request as unknown as { createdDateTime: string }).createdDateTime);
    expect(Math.abs(sent - created)).toBeLessThan(5_000);
    expect((await schedulePosts(stack)).map((p) => p.status)).toEqual([201]);
  });

  it('caps one click at an eligibility that ends in 10 minutes, and says the end Graph granted', async () => {
    expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
    await settled();
    const popup = await openPopup(stack);
    await expectState(row(popup, FALCON), /^Eligible until .+ · (10|9) min left$/);
    await stack.ext.worker.evaluate(async () => {
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
    });
    await clearLog(stack);

    // One click asks for the policy's maximum (8 hours): what is sent is what is left.
    const reply = await ask<{ status: string; endMs: number }>(page, 'activate', {
      groupId: FALCON.id,
      accessId: 'member',
      durationMinutes: 480,
      justification: 'Handover',
    });
    expect(reply).toMatchObject({ ok: true, value: { status: 'active' } });
    const [request] = await requestsFor(stack, FALCON);
    expect(request?.scheduleInfo?.expiration.duration).toBe('PT9M');
    const start = Date.parse(request?.scheduleInfo?.startDateTime ?? '');
    expect(reply.value?.endMs).toBe(start + 9 * M);

    // Afterwards: the row, the history and the notifications say 9 minutes, never 8 hours.
    // (The row's "min left" follows the popup's minute tick; the end it names is exact.)
    const end = momentText(start + 9 * M, 'en');
    await expectState(row(popup, FALCON), new RegExp(`^Active until ${end} · `));
    // (Two entries: this one and the clock test's, whose local request time was an hour ahead.)
    const entries = (await history()) as Array<{ groupId: string }>;
    expect(entries.map((e) => e.groupId).sort()).toEqual([SQL.id, FALCON.id].sort());
    expect(entries.find((e) => e.groupId === FALCON.id)).toMatchObject({
      outcome: 'active',
      durationMinutes: 9,
      startMs: start,
    });
    expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
    await settled();
    const falconKey = `${FALCON.id}:member`;
    expect((await notificationIds(stack)).sort()).toEqual([
      `activated:${falconKey}:${start}`,
      `expiring:${falconKey}:${start + 9 * M}`,
    ]);
  });

  it('says when the eligibility ends too soon for any activation, and sends nothing', async () => {
    // Six minutes on (past PIM's 5-minute minimum), the activation is ended; 3 minutes of eligibility are left.
    await moveClock(stack, 6);
    expect((await ask(page, 'deactivate', { groupId: FALCON.id, accessId: 'member' })).ok).toBe(true);
    await clearLog(stack);
    const reply = await ask(page, 'activate', {
      groupId: FALCON.id,
      accessId: 'member',
      durationMinutes: 480,
      justification: 'Handover',
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'eligibilityEnding' } });
    expect(reply.error?.message).toMatch(/^Your eligibility for this group ends at .+, too soon for an activation/);
    expect(await schedulePosts(stack)).toEqual([]);
  });
});
