import type { Scenario } from '../../test/emulator/contract.ts';
import { loadScenario } from '../../test/emulator/scenarios/index.ts';
import { control } from '../../test/emulator/test-client.ts';
import { until } from '../demo-wait.ts';
import { settled } from './popup-figures.ts';
import { ask, type BenchStack } from './session.ts';

// 6. Idle cost, measured in a time-lapse. Chromium's alarms run on the real clock, which a test
// cannot speed up, but the extension computes every wake-up time on Graph's clock: the offset it
// learns from Graph's `Date` header (`cache:clockOffset`). So the benchmark plays the clock: it
// jumps the emulator's clock and that offset together to shortly before the next alarm the worker
// set (as if that much time had passed), stops the worker (as Chromium does after 30 s idle), and
// lets the real alarm fire. It counts service-worker starts and alarm deliveries from the worker's
// own diagnostics record (`diag:events`), and the badge text after each. Starts the benchmark
// itself causes (waking the worker to apply a jump) are not counted. When no alarm is set,
// nothing can wake the worker (no content scripts, no open pages, no network listeners): it jumps
// to the end of the window and watches for a few real seconds that nothing happens.

const LEAD_MS = 2_000;
const WATCH_MS = 3_000;

export interface IdleFigures {
  simulatedMinutes: number;
  alarms: number;
  wakeUps: number;
  badgeChanges: number;
  /** The badge texts seen, in order. */
  badges: string[];
}

/** The demo tenant with nothing active or pending for its first user (permanent memberships stay). */
export function quietScenario(): Scenario {
  const s = loadScenario('demo');
  const userId = s.users[0]?.id;
  return {
    ...s,
    name: 'demo-idle',
    assignments: s.assignments.filter((a) => a.principalId !== userId || a.assignmentType !== 'activated'),
    requests: (s.requests ?? []).filter((r) => r.principalId !== userId),
  };
}

interface Diagnostics {
  workerStarts: number;
  recent: Array<{ kind: string; name?: string; at: number }>;
}

const diagnostics = (stack: BenchStack) =>
  stack.page.evaluate(
    async () =>
      ((await chrome.storage.local.get('diag:events'))['diag:events'] ?? {
        workerStarts: 0,
        recent: [],
      }) as Diagnostics,
  );
const badge = (stack: BenchStack) => stack.page.evaluate(() => chrome.action.getBadgeText({}));
const alarms = (stack: BenchStack) => stack.page.evaluate(() => chrome.alarms.getAll());

/** Moves Graph's clock and the extension's knowledge of it by `ms`, and lets the worker re-plan. */
async function jump(stack: BenchStack, ms: number): Promise<void> {
  await control(stack.emu, 'clock', { advanceMs: ms });
  // A fresh worker instance reads the offset from storage (a running one keeps it in memory).
  // Stopping needs a running worker to report "stopped": wake it first.
  await ask(stack.page, 'getStatus');
  await stack.ext.stopServiceWorker();
  await stack.page.evaluate(async (ms) => {
    const offset = ((await chrome.storage.local.get('cache:clockOffset'))['cache:clockOffset'] as number) ?? 0;
    await chrome.storage.local.set({ 'cache:clockOffset': offset + ms });
  }, ms);
  await ask(stack.page, 'getStatus'); // wakes it, if the storage change has not already
  // One watch step that has seen the new offset: badge redrawn, next alarm set.
  await stack.ext.worker.evaluate(() => (globalThis as unknown as { pim: { tick(): Promise<void> } }).pim.tick());
  await stack.ext.stopServiceWorker();
}

/** Plays `minutes` of Graph time in a time-lapse and counts what woke the worker. */
export async function idleWindow(stack: BenchStack, minutes: number): Promise<IdleFigures> {
  const start = stack.emu.clock.now();
  const end = start + minutes * 60_000;
  const figures: IdleFigures = { simulatedMinutes: minutes, alarms: 0, wakeUps: 0, badgeChanges: 0, badges: [] };
  figures.badges.push(await badge(stack));
  for (;;) {
    const next = Math.min(...(await alarms(stack)).map((a) => a.scheduledTime));
    const left = end - stack.emu.clock.now();
    const alarmIn = next - Date.now();
    const fires = Number.isFinite(next) && alarmIn <= left;
    await jump(stack, Math.max(0, fires ? alarmIn - LEAD_MS : left));
    const before = await diagnostics(stack);
    const since = Date.now();
    if (fires) {
      // The real alarm, then the watch step it runs (which sets the next alarm or none).
      await until('the alarm to wake the worker', 30_000, async () => {
        const d = await diagnostics(stack);
        return d.recent.some((e) => e.kind === 'alarm' && e.at >= since) ? true : undefined;
      });
      await until('the worker to plan its next wake-up', 30_000, async () => {
        const planned = await alarms(stack);
        return planned.every((a) => a.scheduledTime > next) ? true : undefined;
      });
    } else {
      // Nothing is set to fire: watch a few real seconds that nothing wakes it anyway.
      await new Promise((resolve) => setTimeout(resolve, WATCH_MS));
    }
    const after = await diagnostics(stack);
    figures.wakeUps += after.workerStarts - before.workerStarts;
    figures.alarms += after.recent.filter((e) => e.kind === 'alarm' && e.at >= since).length;
    const text = await badge(stack);
    if (text !== figures.badges.at(-1)) figures.badgeChanges += 1;
    figures.badges.push(text);
    if (!fires) return figures;
  }
}

/** Jumps to `minutes` before the end of the activation of `groupId`, skipping what lies between. */
export async function skipToBeforeEnd(stack: BenchStack, groupId: string, minutes: number): Promise<void> {
  const state = await control<{ assignmentInstances: Array<{ groupId: string; endDateTime: string | null }> }>(
    stack.emu,
    'state',
  );
  const end = state.assignmentInstances.find((i) => i.groupId === groupId)?.endDateTime;
  if (!end) throw new Error('the activation to skip through is not active');
  await jump(stack, Date.parse(end) - stack.emu.clock.now() - minutes * 60_000);
}

/** Starts an activation of `durationMinutes` through the background, as the popup does. */
export async function activateFor(stack: BenchStack, groupId: string, durationMinutes: number): Promise<void> {
  await ask(stack.page, 'activate', { groupId, accessId: 'member', durationMinutes, justification: '' });
  await ask(stack.page, 'refresh', { force: true });
  await settled(stack);
}
