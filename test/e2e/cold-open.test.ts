// Issue 19's cold open at 1,000 groups: the popup paints the first page of Graph's answer while the
// later pages are still being served, says more groups are coming, then paints the complete list.
// The emulator holds the first later page (a counted latency rule on `$skiptoken` requests), so
// the test sees the in-between state without racing it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { control } from '../emulator/test-client.ts';
import { clearLog, notificationIds } from './emulator-kit.ts';
import { e2eSuite } from './suite.ts';

const suite = e2eSuite({ scenario: 'large' });
const B = '/v1.0/identityGovernance/privilegedAccess/group';
/** The large scenario: 1,000 eligibilities (10 pages of 100), 20 of them active. */
const ELIGIBLE = 1000;

interface Stored {
  partial: boolean;
  items: number;
  eligible: number;
}
/** The cached list: whether it is named as only the first pages, its items, the eligible ones. */
const stored = (page: Page): Promise<Stored | null> =>
  page.evaluate(async () => {
    const local = await chrome.storage.local.get(['cache:snapshot', 'cache:partialList']);
    // The list is stored as one JSON string (packed: platform/storage.ts).
    const s = JSON.parse((local['cache:snapshot'] as string | undefined) ?? 'null') as {
      accountId: string;
      fetchedAtMs: number;
      items: Array<{ eligible: boolean }>;
    } | null;
    const named = local['cache:partialList'] as { accountId: string; fetchedAtMs: number } | null | undefined;
    return s
      ? {
          partial: named?.accountId === s.accountId && named.fetchedAtMs === s.fetchedAtMs,
          items: s.items.length,
          eligible: s.items.filter((i) => i.eligible).length,
        }
      : null;
  });
const marks = (page: Page) =>
  page.evaluate(() =>
    ['pim:list-painted', 'pim:fresh-list-painted'].filter((name) => performance.getEntriesByName(name, 'mark').length),
  );
const inflight = async () => (await control<{ count: number }>(suite.stack.emu, '/inflight')).count;
const graphPaths = async () =>
  (await control<Array<{ area: string; method: string; path: string }>>(suite.stack.emu, '/log'))
    .filter((l) => l.area === 'graph')
    .map((l) => `${l.method} ${decodeURIComponent(l.path)}`);

describe('cold open of a large tenant', () => {
  it('paints the first page while the later pages are served, then the complete list', async () => {
    const { stack } = suite;
    const options = suite.track(await stack.ext.openOptions());
    // The sign-in's own read and policy prefetch are over: every eligible group's policy is cached.
    await expect
      .poll(
        () =>
          options.evaluate(
            async () =>
              Object.keys(
                JSON.parse(((await chrome.storage.local.get('cache:policies'))['cache:policies'] as string) ?? '{}'),
              ).length,
          ),
        { timeout: 60_000 },
      )
      .toBe(ELIGIBLE);
    await expect.poll(inflight, { timeout: 20_000 }).toBe(0);
    const notifiedBefore = await notificationIds(stack);
    // A cold open: no list (nor what is written with it: its stamp, the popup's first screen of
    // it) and no last refresh (the policies stay: they are not what this is about).
    await options.evaluate(async () => {
      await chrome.storage.local.remove(['cache:snapshot', 'cache:listStamp', 'cache:listHead']);
      await chrome.storage.session.remove('session:refresh');
    });
    await clearLog(stack);
    await control(stack.emu, '/faults', {
      type: 'latency',
      latencyMs: 10_000,
      count: 1,
      match: { area: 'graph', pathContains: '$skiptoken' },
    });

    const popup = suite.track(await stack.ext.openPopup());
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.getByRole('list', { name: 'Groups' }).waitFor();
    const loadingMore = popup.getByRole('status').filter({ hasText: 'Loading more groups…' });
    await loadingMore.waitFor();
    // Page 2 of the eligibilities is held by the emulator: what is on screen came from the batch alone.
    expect(await inflight()).toBe(1);
    expect(await graphPaths()).toEqual(['POST /v1.0/$batch']);
    // The first 100 eligibilities, and the 20 active groups (18 of them listed without their
    // eligibility yet: it is on a later page).
    expect(await stored(popup)).toEqual({ partial: true, items: 118, eligible: 100 });
    expect(await marks(popup)).toEqual(['pim:list-painted', 'pim:fresh-list-painted']);
    expect(await popup.getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await popup.locator('.refresh-status').textContent()).toBe('Refreshing…');

    await expect.poll(() => popup.locator('.refresh-status').textContent(), { timeout: 30_000 }).toBe('Updated now');
    expect(await stored(popup)).toEqual({ partial: false, items: ELIGIBLE, eligible: ELIGIBLE });
    // The status line is a small value and the list a large one: the popup's read of the complete
    // list can land a moment after "Updated now" (PresetsArea.tsx), and the note goes with it.
    await expect.poll(() => loadingMore.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(inflight, { timeout: 20_000 }).toBe(0);
    const pages = await graphPaths();
    // The batch, then each later page of the eligibilities in turn (the link keeps the batch's query).
    expect(pages.slice(0, 10)).toEqual([
      'POST /v1.0/$batch',
      ...Array.from(
        { length: 9 },
        (_, n) =>
          `GET ${B}/eligibilityScheduleInstances/filterByCurrentUser(on='principal')?$expand=group($select=id,displayName)&$skiptoken=${Buffer.from(`skip:${(n + 1) * 100}`).toString('base64url')}`,
      ),
    ]);
    expect(pages.slice(10)).toEqual([]);
    // Nothing "ended" or "activated" because the first page lacked a group.
    expect(await notificationIds(stack)).toEqual(notifiedBefore);
  });
});
