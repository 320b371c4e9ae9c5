/**
 * `npm run bench`: the production build in headless Chromium against the PIM emulator with a
 * realistic latency, for the demo and large scenarios. Prints Markdown tables of medians and
 * spreads; `--json FILE` writes the same figures as JSON. It reports, it does not pass or fail.
 * See README.md beside this file for what each figure measures and how.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GROUPS, oneClickGroups } from '../../test/e2e/emulator-kit.ts';
import buildIfStale from '../../test/e2e/global-setup.ts';
import { DIST } from '../../test/e2e/harness.ts';
import { firstPaintBytes, scriptBytes } from '../bundle.ts';
import { BENCH_USAGE, type BenchArgs, parseBenchArgs, type ScenarioName } from './args.ts';
import { sequentialRefresh } from './baseline.ts';
import { activateFor, idleWindow, quietScenario, skipToBeforeEnd } from './idle.ts';
import { targetHeap } from './memory.ts';
import {
  activate,
  coldOpen,
  eligibleCount,
  filter,
  popupHeap,
  settled,
  toolbarOpen,
  warmOpen,
} from './popup-figures.ts';
import { type BenchReport, renderReport, type ScenarioFigures, USER_PAUSE_MS } from './report.ts';
import { ask, type BenchStack, cachedItems, FLOOR, POPUP, startBenchStack } from './session.ts';
import { summarise } from './stats.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const say = (line: string) => process.stdout.write(`${line}\n`);
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

/** A search a user would type in the large tenant ("SG-Prod-SQL-Admins-0042"), and then delete. */
const FILTER_QUERY = 'prod-sql-adm';
/** The simulated window at the end of the 8-hour activation (each minute is one badge change). */
const LAST_MINUTES = 6;
/** The large baseline makes a thousand sequential requests (~100 s): one run, and only when asked. */
const LARGE_BASELINE_RUNS = 1;

const median = (values: number[]) => summarise(values).median;

async function times<T>(runs: number, what: string, run: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < runs; i++) results.push(await run(i));
  say(`  ${what}: ${runs} runs (${elapsed()})`);
  return results;
}

/**
 * `runs` activations, each in a new popup, through the one-click groups in turn. With
 * `workerStopped`, the service worker is stopped before each popup opens (as Chromium does after
 * 30 s idle: most opens of a day), so the popup's refresh starts it again, and the click waits
 * until that refresh is done, as a user reading the list would. (It is stopped seconds after the
 * last refresh, where 30 s idle would be longer: the background refreshes for a worker that has not
 * heard Graph's clock either way, background/refresh.ts.)
 */
async function activations(stack: BenchStack, runs: number, latencyMs: number, workerStopped = false) {
  const groups = oneClickGroups(stack.emu.state.scenario);
  if (groups.length === 0) throw new Error('the scenario has no group to activate with one click');
  const reset = async () => {
    // Every one-click group is active now: back to the scenario's start, and let the extension see it.
    await stack.emu.reset();
    await stack.setLatency(latencyMs);
    await ask(stack.page, 'refresh', { force: true });
    await settled(stack);
  };
  if (workerStopped) await reset();
  const what = workerStopped ? 'activate, the worker stopped before the popup opened' : 'activate';
  return times(runs, what, async (i) => {
    if (i >= groups.length && i % groups.length === 0) await reset();
    const group = groups[i % groups.length] as { id: string; name: string };
    if (!workerStopped) return activate(stack, group);
    await settled(stack);
    await stack.ext.stopServiceWorker();
    return activate(stack, group, () => settled(stack));
  });
}

async function measureScenario(name: ScenarioName, args: BenchArgs): Promise<ScenarioFigures> {
  say(`${name}: starting the emulator and Chromium, signing in (${elapsed()})`);
  const stack = await startBenchStack(name, args.latencyMs);
  try {
    await settled(stack);
    const items = (await cachedItems(stack.page)) ?? 0;
    await warmOpen(stack); // the first page of a fresh browser compiles the shared chunks: not a user's warm open
    // Each open with the background idle, as a user finds it (not busy with the last open's refresh).
    const warm = await times(args.runs, 'warm open', async () => {
      await settled(stack);
      return warmOpen(stack);
    });
    const floor = await times(args.runs, 'warm open of the floor page', async () => {
      await settled(stack);
      return warmOpen(stack, FLOOR);
    });
    const toolbar = await times(args.runs, 'toolbar popup', async () => {
      await settled(stack);
      return toolbarOpen(stack);
    });
    const toolbarFloor = await times(args.runs, 'the floor page as the toolbar popup', async () => {
      await settled(stack);
      return toolbarOpen(stack, FLOOR);
    });
    const cold = await times(args.runs, 'cold open', () => coldOpen(stack));
    const eligible = await eligibleCount(stack);
    const skipBaseline = name === 'large' && !args.largeBaseline;
    await settled(stack);
    const baseline = skipBaseline
      ? []
      : await times(
          name === 'large' ? LARGE_BASELINE_RUNS : args.runs,
          `baseline (${eligible} policies one by one)`,
          () => sequentialRefresh(stack),
        );
    const keys = await times(args.runs, 'filter', () => filter(stack, FILTER_QUERY));
    const paced = await times(args.runs, `first keystroke, ${USER_PAUSE_MS} ms after the list`, () =>
      filter(stack, FILTER_QUERY, USER_PAUSE_MS),
    );
    const memory = {
      popupHeapBytes: await popupHeap(stack),
      serviceWorkerHeapBytes: await targetHeap(stack, 'service_worker'),
      authHostHeapBytes: await targetHeap(stack, 'background_page'),
    };
    const acts = await activations(stack, args.runs, args.latencyMs);
    const firstActs = await activations(stack, args.runs, args.latencyMs, true);
    const coldMs = summarise(cold.map((c) => c.ms));
    const completeMs = summarise(cold.map((c) => c.completeMs));
    const baselineMs = summarise(baseline.map((b) => b.ms));
    return {
      items,
      warmOpenMs: summarise(warm.map((w) => w.ms)),
      warmHtmlParsedMs: summarise(warm.map((w) => w.htmlParsedMs)),
      warmOurShareMs: summarise(warm.map((w) => w.ms - w.htmlParsedMs)),
      warmFloorMs: summarise(floor.map((w) => w.ms - w.htmlParsedMs)),
      warmFromHead: warm.filter((w) => w.fromHead).length,
      toolbar: {
        openMs: summarise(toolbar.map((t) => t.ms)),
        navigationMs: summarise(toolbar.map((t) => t.navigationMs)),
        ourShareMs: summarise(toolbar.map((t) => t.ms - t.navigationMs - t.htmlParsedMs)),
        floorMs: summarise(toolbarFloor.map((t) => t.ms - t.navigationMs - t.htmlParsedMs)),
        presentedMs: summarise(toolbar.map((t) => t.presentedMs)),
        floorPresentedMs: summarise(toolbarFloor.map((t) => t.presentedMs)),
      },
      coldOpen: {
        ms: coldMs,
        beforePaint: {
          requests: median(cold.map((c) => c.beforePaint.requests)),
          roundTrips: median(cold.map((c) => c.beforePaint.roundTrips)),
        },
        completeMs,
        beforeComplete: {
          requests: median(cold.map((c) => c.beforeComplete.requests)),
          roundTrips: median(cold.map((c) => c.beforeComplete.roundTrips)),
        },
        withPolicies: {
          requests: median(cold.map((c) => c.total.requests)),
          roundTrips: median(cold.map((c) => c.total.roundTrips)),
        },
      },
      activate: {
        requestSentMs: summarise(acts.map((a) => a.requestSentMs)),
        afterStopRequestSentMs: summarise(firstActs.map((a) => a.requestSentMs)),
        activeShownMs: summarise(acts.map((a) => a.activeShownMs)),
      },
      filterKeystrokeMs: summarise(keys.flat()),
      filterFirstKeystrokeMs: summarise(keys.map((k) => k[0] ?? Number.NaN)),
      filterPacedFirstKeystrokeMs: summarise(paced.map((k) => k[0] ?? Number.NaN)),
      memory,
      baseline: skipBaseline
        ? { skipped: 'not run (--large-baseline)' }
        : {
            ms: baselineMs,
            requests: median(baseline.map((b) => b.requests)),
            roundTrips: median(baseline.map((b) => b.roundTrips)),
            // The baseline reads the whole list: compared with our complete list, not its first rows.
            ratio: completeMs.median / baselineMs.median,
          },
    };
  } finally {
    await stack.close();
  }
}

async function measureIdle(args: BenchArgs): Promise<BenchReport['idle'] & { chromium: string }> {
  say(`idle: the demo tenant with nothing active (${elapsed()})`);
  const stack = await startBenchStack(quietScenario(), args.latencyMs);
  try {
    await settled(stack);
    const nothingActive = await idleWindow(stack, 60);
    await activateFor(stack, GROUPS.sqlAdmins.id, 8 * 60);
    const oneActivation8h = await idleWindow(stack, 60);
    // Its last minutes, where the badge counts down minute by minute (and turns red at 5).
    await skipToBeforeEnd(stack, GROUPS.sqlAdmins.id, LAST_MINUTES + 0.5);
    const lastMinutes = await idleWindow(stack, LAST_MINUTES);
    say(`  idle: two simulated hours and ${LAST_MINUTES} minutes (${elapsed()})`);
    const agent = await stack.page.evaluate(() => navigator.userAgent);
    return { nothingActive, oneActivation8h, lastMinutes, chromium: /Chrom\w+\/[\d.]+/.exec(agent)?.[0] ?? agent };
  } finally {
    await stack.close();
  }
}

async function main(args: BenchArgs): Promise<void> {
  process.chdir(ROOT); // the build check and dist/ are relative to the repository
  if (args.build) {
    say('bench: building the extension if dist/ is older than the sources…');
    buildIfStale();
  } else if (!existsSync(join(DIST, 'manifest.json'))) {
    throw new Error(`${DIST} holds no build; run without --no-build, or "npm run build" first`);
  }
  const bundle = {
    popup: firstPaintBytes(DIST, POPUP),
    serviceWorker: scriptBytes(DIST, 'background.js'),
    authHost: firstPaintBytes(DIST, 'src/auth/host/index.html'),
  };
  const scenarios: BenchReport['scenarios'] = {};
  for (const name of args.scenarios) scenarios[name] = await measureScenario(name, args);
  const { chromium, ...idle } = await measureIdle(args);
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, loadAverage1m: loadavg()[0] ?? 0, chromium },
    latencyMs: args.latencyMs,
    runs: args.runs,
    bundle,
    idle,
    scenarios,
    seconds: (performance.now() - started) / 1000,
  };
  say('');
  say(renderReport(report));
  if (args.json) {
    await mkdir(dirname(args.json), { recursive: true });
    await writeFile(args.json, `${JSON.stringify(report, null, 2)}\n`);
    say(`\nbench: wrote ${args.json}`);
  }
}

let args: BenchArgs;
try {
  args = parseBenchArgs(process.argv.slice(2), process.cwd());
} catch (error) {
  process.stderr.write(`bench: ${(error as Error).message}\n${BENCH_USAGE}\n`);
  process.exit(2);
}
if (args.help) {
  say(BENCH_USAGE);
} else {
  main(args).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
