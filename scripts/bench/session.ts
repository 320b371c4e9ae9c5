import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { type ExtensionSession, launchExtension } from '../../test/e2e/harness.ts';
import { applyManagedPolicy } from '../../test/e2e/policy.ts';
import type { Scenario } from '../../test/emulator/contract.ts';
import type { LogEntry } from '../../test/emulator/request-log.ts';
import { type Emulator, startEmulator } from '../../test/emulator/server.ts';
import { control } from '../../test/emulator/test-client.ts';
import { signInHeadless } from '../demo-capture.ts';
import { until } from '../demo-wait.ts';

// One benchmark stack: the emulator (with the benchmark's latency), the production build in
// headless Chromium mapped to it, the organisation's policy, and the scenario's first user signed
// in through the extension's own sign-in. The same launch code as the e2e tests and the demo.

export const POPUP = 'src/popup/index.html';
/** The floor page the benchmark adds to its copy of the build (floor/floor.js). */
export const FLOOR = 'bench-floor.html';
/**
 * The page the benchmark reads storage and talks to the background from (floor/page.html): empty.
 * Every extension page shares one renderer, main thread included, and the options page it used
 * until 2026-12-06 recalculated its styles as each popup tab was created, on the popup's thread
 * (traced: 2 to 11 ms inside the popup's page load); no user has it open behind a toolbar click.
 */
const BENCH_PAGE = 'bench-page.html';

/**
 * The production build as `npm run build` left it in dist/, copied, plus the floor page and the
 * benchmark's own page: the extension's own files are byte for byte the ones users get.
 */
function buildWithFloor(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pim-bench-'));
  const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
  cpSync(here('../../dist'), dir, { recursive: true });
  cpSync(here('floor/floor.html'), join(dir, FLOOR));
  cpSync(here('floor/floor.js'), join(dir, 'bench-floor.js'));
  cpSync(here('floor/page.html'), join(dir, BENCH_PAGE));
  return dir;
}

export interface BenchStack {
  emu: Emulator;
  ext: ExtensionSession;
  /** An extension page (empty, BENCH_PAGE) kept open to read storage and talk to the background as the pages do. */
  page: Page;
  latencyMs: number;
  setLatency(ms: number): Promise<void>;
  /** The emulator's request log (Graph and sign-in), in the order answers went out, each with its arrival time. */
  log(): Promise<LogEntry[]>;
  clearLog(): Promise<void>;
  /** Emulator time minus this process's time (non-zero once the emulator's clock was moved). */
  clockSkewMs(): number;
  close(): Promise<void>;
}

export async function startBenchStack(scenario: string | Scenario, latencyMs: number): Promise<BenchStack> {
  const emu = await startEmulator({ port: 0, scenario });
  const extensionDir = buildWithFloor();
  let ext: ExtensionSession | undefined;
  try {
    ext = await launchExtension({ emulator: { port: emu.port, spki: emu.spki }, extensionDir });
    await applyManagedPolicy(ext, { tenant: emu.tenantId, clientId: emu.clientId });
    const user = emu.state.scenario.users[0];
    if (!user) throw new Error('the scenario has no users');
    // Signing in reads the list once; the latency applies from the start, as it would for a user.
    await control(emu, 'latency', { ms: latencyMs });
    // tsx compiles this script keeping function names through a `__name` helper, which then
    // appears inside the functions handed to page.evaluate: pages get a do-nothing one.
    await ext.context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await signInHeadless(ext, emu, user.id);
    const page = await ext.openPage(BENCH_PAGE);
    const stack: BenchStack = {
      emu,
      ext,
      page,
      latencyMs,
      setLatency: async (ms) => void (await control(emu, 'latency', { ms })),
      log: () => control<LogEntry[]>(emu, 'log'),
      clearLog: async () => void (await control(emu, 'log', undefined, 'DELETE')),
      clockSkewMs: () => emu.clock.now() - Date.now(),
      async close() {
        await ext?.close();
        await emu.close();
        rmSync(extensionDir, { recursive: true, force: true });
      },
    };
    await waitForList(stack);
    return stack;
  } catch (error) {
    await ext?.close();
    await emu.close();
    rmSync(extensionDir, { recursive: true, force: true });
    throw error;
  }
}

/** Sends a page → background message the way the popup does; throws on an error reply. */
export async function ask<T = unknown>(page: Page, type: string, request: unknown = {}): Promise<T> {
  const reply = await page.evaluate(
    ([type, request]) => chrome.runtime.sendMessage({ channel: 'pages', type, request }),
    [type, request] as const,
  );
  if (!reply?.ok) throw new Error(`${type} failed: ${JSON.stringify(reply?.error)}`);
  return reply.value as T;
}

/** The cached list's items, as the background stored them. */
export async function cachedItems(page: Page): Promise<number | undefined> {
  return page.evaluate(async () => {
    const snapshot = JSON.parse(
      ((await chrome.storage.local.get('cache:snapshot'))['cache:snapshot'] as string | undefined) ?? 'null',
    ) as { items: unknown[] } | undefined;
    return snapshot?.items.length;
  });
}

/** Until the background has stored the list. */
export async function waitForList(stack: BenchStack): Promise<number> {
  return until('the background to store the group list', 60_000, () => cachedItems(stack.page));
}

/** A new tab at a toolbar popup's size (380×600), for the caller to navigate, so it can time the load. */
export async function openPopupTab(stack: BenchStack): Promise<Page> {
  const page = await stack.ext.context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  return page;
}

/** The time of a User Timing mark, in ms since the page's navigation start, once it is set. */
export async function markTime(page: Page, name: string, timeoutMs = 30_000): Promise<number> {
  const handle = await page.waitForFunction((name) => performance.getEntriesByName(name, 'mark')[0]?.startTime, name, {
    timeout: timeoutMs,
    polling: 'raf',
  });
  return (await handle.jsonValue()) as number;
}

/** The page's navigation start on this machine's clock (epoch ms), to compare with emulator log times. */
export const timeOrigin = (page: Page): Promise<number> => page.evaluate(() => performance.timeOrigin);

/** A log entry's arrival at the emulator on this machine's clock (epoch ms). */
export const arrivedAt = (stack: BenchStack, entry: LogEntry): number =>
  Date.parse(entry.startedAt) - stack.clockSkewMs();
