import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, type Stack, startSignedIn } from './stack.ts';

// Storage written by an older or newer release, or damaged: every key holds something wrong. The
// popup and the worker must still come up, each bad value falling back with a logged reason.
let stack: Stack;
beforeAll(async () => {
  ({ stack } = await startSignedIn());
});
afterAll(async () => {
  await stack?.close();
});

const garbage: Record<string, unknown> = {
  'meta:schemaVersion': 'two',
  'settings:connection': { tenant: 42, clientId: ['x'], cloud: 'mars' },
  'settings:accounts': { activeId: 7, known: 'everyone' },
  'settings:favourites': [1, 2, { x: 1 }],
  'settings:recent': 'yesterday',
  'settings:activationMemory': { perItem: null, recentJustifications: 'x' },
  'settings:notifications': { activated: 'yes', expiringLeadMinutes: -5, appUrl: 3 },
  'cache:snapshot': '{"accountId": "trunc',
  'cache:listStamp': { revision: 5, fetchedAtMs: 'now' },
  'cache:listHead': '{"revision": "',
  'cache:policies': { 'g:member': { requirements: 'none' } },
  'cache:clockOffset': 'NaN',
  'cache:watch': { accountId: 1, activations: [] },
  'cache:reactivations': { 'g:member': 'soon' },
  'presets:mine': [{ id: 'not-a-guid', name: '<b>x</b>' }],
  'history:activations': 'lost',
  'settings:historyRetention': 45,
  'diag:events': { workerStarts: 'many' },
};
const sessionGarbage: Record<string, unknown> = {
  'session:operations': { x: { phase: 'exploded' } },
  'session:refresh': 'refreshing',
  'session:drafts': { 'g:member': { justification: 5 } },
  'session:presetRuns': { p: { results: 'none' } },
};

describe('damaged storage', () => {
  it('leaves the popup usable and the worker answering', async () => {
    const options =
      stack.ext.context.pages().find((p) => p.url().includes('/src/options/')) ?? (await stack.ext.openOptions());
    await options.evaluate(
      async ([local, session]) => {
        await chrome.storage.local.set(local);
        await chrome.storage.session.set(session);
      },
      [garbage, sessionGarbage] as const,
    );
    await stack.ext.stopServiceWorker();

    // The worker comes back on the next message and answers.
    const status = await ask<{ version: string }>(options, 'getStatus', undefined);
    expect(status.ok).toBe(true);
    // The popup paints. The account list was unreadable: the worker rebuilds it from MSAL's cache
    // (the auth host still holds Adele's sign-in), so her groups come back without signing in again.
    const popup = await stack.ext.context.newPage();
    const warnings: string[] = [];
    popup.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    popup.on('pageerror', (e) => warnings.push(`page error: ${e.message}`));
    await popup.goto(stack.ext.url('src/popup/index.html'));
    await expect
      .poll(() => popup.getByRole('listitem', { name: /^SG-Prod-SQL-Admins Member / }).isVisible(), {
        timeout: 20_000,
      })
      .toBe(true);
    expect(await popup.getByText('Sign in to see your groups').count()).toBe(0);
    // Each unreadable value was reported with its key and reason, each repaired field or dropped
    // entry with its path; nothing crashed, and no stored value was quoted. (The worker replaces the
    // damaged list, its stamp, status, clock offset and the list's first screen as it refreshes,
    // often before the popup reads them; the keys below only change when the user acts or a popup
    // has read them, so the popup always reads them damaged.)
    for (const key of ['session:operations', 'session:drafts']) {
      await expect.poll(() => warnings.join('\n')).toContain(`${key} holds an invalid value`);
    }
    // The damaged first screen was replaced by the new list's.
    await expect
      .poll(() =>
        popup.evaluate(async () => {
          const local = await chrome.storage.local.get(['cache:listStamp', 'cache:listHead']);
          const head = JSON.parse(local['cache:listHead'] as string) as { revision?: string } | null;
          return (
            head?.revision !== undefined &&
            head.revision === (local['cache:listStamp'] as { revision?: string }).revision
          );
        }),
      )
      .toBe(true);
    const lines = warnings.join('\n');
    expect(lines).toContain('settings:favourites repaired: 0 entry dropped (expected string, got number)');
    expect(lines).toContain('settings:activationMemory repaired: recentJustifications reset to [] (got string(1))');
    expect(lines).not.toContain('trunc');
    expect(warnings.filter((w) => w.startsWith('page error'))).toEqual([]);
    // The options page's history falls back to empty, kept for the default 90 days.
    const settings = await stack.ext.openOptions();
    await expect.poll(() => settings.getByText('No activations yet.').isVisible()).toBe(true);
    expect(await settings.locator('#history-retention').inputValue()).toBe('90');
    expect(stack.ext.pageErrors).toEqual([]);
  });
});
