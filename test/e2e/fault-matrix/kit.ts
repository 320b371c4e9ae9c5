// What every cell of the fault matrix uses: the user-facing sentences (from messages.json, never
// retyped), the emulator's fault rules, a fresh tenant per cell, and the popup.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { control } from '../../emulator/test-client.ts';
import { clearLog } from '../emulator-kit.ts';
import { openPopup } from '../popup-kit.ts';
import { ADELE, ask, type Stack } from '../stack.ts';

const MESSAGES = JSON.parse(
  readFileSync(new URL('../../../public/_locales/en/messages.json', import.meta.url), 'utf8'),
) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** A sentence as the extension shows it: the English message with its placeholders filled in. */
export function text(key: string, ...substitutions: string[]): string {
  const entry = MESSAGES[key];
  if (!entry) throw new Error(`no message ${key}`);
  return entry.message.replace(/\$([A-Z0-9_]+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return substitutions[Number(content.slice(1)) - 1] ?? '';
  });
}

/** The Graph call of an operation that a fault hits (the emulator matches path substring and method). */
export interface Target {
  pathContains: string;
  method: 'GET' | 'POST';
}

export interface FaultRule {
  type: '429' | '500' | '503' | 'latency' | 'drop' | 'malformed';
  count?: number;
  retryAfterSeconds?: number;
  latencyMs?: number;
  after?: boolean;
}

export const injectFault = (stack: Stack, target: Target, rule: FaultRule) =>
  control(stack.emu, '/faults', { ...rule, match: { pathContains: target.pathContains, method: target.method } });
export const clearFaults = (stack: Stack) => control(stack.emu, '/faults', undefined, 'DELETE');

/** The emulator's log entries for the target since the log was cleared. */
export async function targetLog(stack: Stack, target: Target): Promise<Array<{ status: number }>> {
  const log = await control<Array<{ method: string; path: string; status: number }>>(stack.emu, '/log');
  return log.filter((l) => l.method === target.method && decodeURIComponent(l.path).includes(target.pathContains));
}

/** Once the target has been answered `count` times (or dropped), whatever the status. */
export async function untilTargetSeen(stack: Stack, target: Target, count = 1): Promise<void> {
  await expect
    .poll(async () => (await targetLog(stack, target)).length, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(count);
}

/** Once Graph holds the request: a counted latency rule is used up the moment its request arrives. */
export async function untilHeld(stack: Stack): Promise<void> {
  await expect
    .poll(async () => (await control<{ rules: unknown[] }>(stack.emu, '/faults')).rules.length, { timeout: 20_000 })
    .toBe(0);
}

/** Once the emulator has finished every request it was working on (answered or not). */
export async function untilCarriedOut(stack: Stack): Promise<void> {
  await expect
    .poll(async () => (await control<{ count: number }>(stack.emu, '/inflight')).count, { timeout: 20_000 })
    .toBe(0);
}

/** Access tokens live this long in the matrix, so the clock need not move far to expire one. */
export const TOKEN_MINUTES = 10;

/** What one cell works with: the row's browser and emulator, and the popup it opens. */
export interface Cell {
  stack: Stack;
  popup: Page;
}

/**
 * A fresh start for a cell in the row's browser: the emulator's scenario as it began (state,
 * clock, sessions, faults, log), Adele signed in again (a new session), the extension's per-item state forgotten,
 * the list read, and a popup showing it.
 */
export async function freshCell(stack: Stack, previous?: Page): Promise<Cell> {
  if (previous && !previous.isClosed()) await previous.close();
  await stack.ext.context.setOffline(false);
  await control(stack.emu, '/reset', {});
  const options = await stack.ext.openOptions();
  await options.evaluate(async () => {
    await chrome.storage.session.remove(['session:operations', 'session:presetRuns', 'session:drafts']);
  });
  // The reset forgot Entra's sessions: a new sign-in (a window, answered by the emulator) makes one.
  await control(stack.emu, '/settings', {
    autoSignIn: ADELE,
    autoApproveMfa: true,
    tokenLifetimeSeconds: TOKEN_MINUTES * 60,
  });
  const signedIn = await ask(options, 'signIn', { prompt: 'select_account' });
  if (!signedIn.ok) throw new Error(`sign-in failed: ${JSON.stringify(signedIn.error)}`);
  const refreshed = await ask(options, 'refresh', { force: true });
  if (!refreshed.ok) throw new Error(`refresh failed: ${JSON.stringify(refreshed.error)}`);
  await options.close();
  await clearLog(stack);
  return { stack, popup: await openPopup(stack) };
}

/** On a failed cell: what Graph and the authority saw, the tenant's requests and the popup's text. */
export async function printDiagnostics(stack: Stack, popup: Page | undefined, label: string): Promise<void> {
  const log = await control<Array<{ method: string; path: string; status: number }>>(stack.emu, '/log');
  const state = await control<{ requests: Array<{ action: string; status: string; groupId: string }> }>(
    stack.emu,
    '/state',
  );
  const shown =
    popup && !popup.isClosed()
      ? await popup
          .locator('body')
          .textContent()
          .then((t) => t ?? '')
          .catch(() => '')
      : '';
  console.error(
    [
      `${label}: Graph and authority log`,
      ...log.map((l) => `  ${l.method} ${l.status} ${decodeURIComponent(l.path).slice(0, 140)}`),
      'requests:',
      ...state.requests.map((r) => `  ${r.action} ${r.status} ${r.groupId}`),
      'popup:',
      shown.slice(0, 1500),
    ].join('\n'),
  );
}
