import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control } from '../emulator/test-client.ts';
import { GROUPS, notificationIds } from './emulator-kit.ts';
import { ask, type Stack, startSignedIn } from './stack.ts';

// Entra never removes a group's last active owner: PIM accepts the deactivation and keeps retrying,
// and an expiry does not take effect either. The extension says so, and why, once.
const MARKETING = GROUPS.marketing.id; // Adele owner-eligible, no other owner
const KEY = `${MARKETING}:owner`;
const M = 60_000;

let stack: Stack;
let page: Page;
beforeAll(async () => {
  ({ stack, page } = await startSignedIn());
  const reply = await ask(page, 'activate', {
    groupId: MARKETING,
    accessId: 'owner',
    durationMinutes: 30,
    justification: 'Site launch',
  });
  expect(reply).toMatchObject({ ok: true, value: { status: 'active' } });
});
afterAll(async () => {
  await stack?.close();
});

const notifications = async () => (await notificationIds(stack)).sort();
/** Reads Graph again and lets the watcher finish with what it read. */
async function refreshed(): Promise<void> {
  expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
  await stack.ext.worker.evaluate(() => (globalThis as unknown as { pim: { tick(): Promise<void> } }).pim.tick());
}

describe('the last active owner', () => {
  it('explains why a deactivation does not take effect, and keeps the activation shown', async () => {
    await control(stack.emu, '/clock', { advanceMs: 6 * M });
    const reply = await ask(page, 'deactivate', { groupId: MARKETING, accessId: 'owner' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'lastOwner' } });
    expect(reply.error?.message).toMatch(/last active owner of Team-Owners – Marketing Site/);
    expect(reply.error?.message).toMatch(/30 days/);
    const operations = await page.evaluate(
      async () => (await chrome.storage.session.get('session:operations'))['session:operations'],
    );
    expect(operations).toMatchObject({ [KEY]: { phase: 'failed', code: 'lastOwner' } });
    // Still active: nothing says it was deactivated; the activation's own notification is the only one.
    await refreshed();
    expect(await notifications()).toEqual([expect.stringMatching(new RegExp(`^activated:${KEY}:\\d+$`))]);
  });

  it('flags once an activation Graph still lists after its end', async () => {
    await control(stack.emu, '/clock', { advanceMs: 30 * M });
    await refreshed();
    // Held past its end: "still active", and not "has ended" as well.
    expect(await notifications()).toEqual([
      expect.stringMatching(new RegExp(`^activated:${KEY}:\\d+$`)),
      expect.stringMatching(new RegExp(`^stillActive:${KEY}:\\d+$`)),
    ]);
    await stack.ext.worker.evaluate(async () => {
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
    });
    // Read again, and let the watcher run to completion: the event is not announced a second time.
    expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
    await stack.ext.worker.evaluate(() => (globalThis as unknown as { pim: { tick(): Promise<void> } }).pim.tick());
    expect(await notifications()).toEqual([]);
  });
});
