import type { LoadedBytes } from '../bundle.ts';
import type { IdleFigures } from './idle.ts';
import type { Summary } from './stats.ts';

// The figures as one JSON-ready object, and as the Markdown tables `npm run bench` prints (the
// same tables the README's Performance section holds).

/**
 * The pause before figure 4's paced first keystroke. A user's first keystroke comes once the popup
 * is on screen and read: a reaction time (about 250 ms) at least after its first frame, which the
 * whole list follows by 50 to 100 ms.
 */
export const USER_PAUSE_MS = 300;

export interface ScenarioFigures {
  /** Items in the list (eligible and active memberships and ownerships). */
  items: number;
  warmOpenMs: Summary;
  /** Of the warm open: navigation start → the popup's HTML parsed (the page load, before our code). */
  warmHtmlParsedMs: Summary;
  /** Of the warm open: the popup's HTML parsed → the cached list painted (our share), per run. */
  warmOurShareMs: Summary;
  /** The same span for the floor page: one storage read, 13 names as plain DOM (floor/floor.js). */
  warmFloorMs: Summary;
  /** Of the warm opens, how many painted the last popup's first screen (src/popup/list-head.ts). */
  warmFromHead: number;
  /** 1b. The real toolbar popup (`action.openPopup()`), and the floor page opened as it. */
  toolbar: {
    /** The call → the cached list painted. */
    openMs: Summary;
    /** The call → the popup's navigation start (the browser's part). */
    navigationMs: Summary;
    /** HTML parsed → the list painted, per run. */
    ourShareMs: Summary;
    /** The same span for the floor page. */
    floorMs: Summary;
    /** The call → the popup's first frame on screen (`first-contentful-paint`), of the popup and of the floor page. */
    presentedMs: Summary;
    floorPresentedMs: Summary;
  };
  coldOpen: {
    /** Navigation → the first rows painted. */
    ms: Summary;
    /** Medians over the runs. */
    beforePaint: { requests: number; roundTrips: number };
    /** Navigation → the complete list painted (issue 19: a large list comes in pages). */
    completeMs: Summary;
    beforeComplete: { requests: number; roundTrips: number };
    withPolicies: { requests: number; roundTrips: number };
  };
  /** `afterStopRequestSentMs`: the same click when the worker was stopped before the popup opened. */
  activate: { requestSentMs: Summary; activeShownMs: Summary; afterStopRequestSentMs: Summary };
  filterKeystrokeMs: Summary;
  /** Of those, each popup's first keystroke (its first filtered rows, typed as soon as its whole list is there). */
  filterFirstKeystrokeMs: Summary;
  /** The first keystroke of popups whose first key came as a user's does, a moment after the list (bench.ts). */
  filterPacedFirstKeystrokeMs: Summary;
  memory: { popupHeapBytes: number; serviceWorkerHeapBytes: number; authHostHeapBytes: number };
  baseline:
    | {
        ms: Summary;
        requests: number;
        roundTrips: number /** Our cold open's complete list (median) / the baseline's median. */;
        ratio: number;
      }
    | { skipped: string };
}

export interface BenchReport {
  date: string;
  machine: { cpus: number; loadAverage1m: number; chromium: string };
  latencyMs: number;
  runs: number;
  bundle: { popup: LoadedBytes; serviceWorker: LoadedBytes; authHost: LoadedBytes };
  idle: { nothingActive: IdleFigures; oneActivation8h: IdleFigures; lastMinutes: IdleFigures };
  scenarios: Partial<Record<string, ScenarioFigures>>;
  /** Wall time of the whole benchmark. */
  seconds: number;
}

const ms = (n: number) => (Number.isNaN(n) ? '–' : n < 10 ? n.toFixed(1) : String(Math.round(n)));
/** "median, p95 (min–max)": the typical run, the slow tail, and how far one run may be from another. */
export const spread = (s: Summary) => `${ms(s.median)}, p95 ${ms(s.p95)} (${ms(s.min)}–${ms(s.max)})`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => (Number.isNaN(bytes) ? '–' : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function renderReport(report: BenchReport): string {
  const names = Object.keys(report.scenarios);
  const per = (target: string, label: string, cell: (f: ScenarioFigures) => string) => [
    label,
    ...names.map((n) => {
      const f = report.scenarios[n];
      return f ? cell(f) : '';
    }),
    target,
  ];
  const baseline = (f: ScenarioFigures, cell: (b: Extract<ScenarioFigures['baseline'], { ms: Summary }>) => string) =>
    'skipped' in f.baseline ? f.baseline.skipped : cell(f.baseline);
  const timed = table(
    ['figure (ms: median, p95 (min–max))', ...names.map((n) => `${n} (${report.scenarios[n]?.items} items)`), 'target'],
    [
      per('≤ 50 ms; 1,000 groups ≤ 150 ms', '1. warm open: navigation → cached list painted', (f) =>
        spread(f.warmOpenMs),
      ),
      per('', '1. … of which navigation → HTML parsed (before our code)', (f) => spread(f.warmHtmlParsedMs)),
      per('≤ 25 ms (16 groups)', '1. … our share: HTML parsed → list painted', (f) => spread(f.warmOurShareMs)),
      per('', "1. … painted from the last popup's first screen", (f) => `${f.warmFromHead} of ${f.warmOpenMs.n} opens`),
      per('', '1. … the floor: the same for a bare page (1 storage read, no framework)', (f) => spread(f.warmFloorMs)),
      per('', "1. … above the floor: our share's median minus the floor's (what our code adds)", (f) =>
        ms(f.warmOurShareMs.median - f.warmFloorMs.median),
      ),
      per('', '1b. toolbar popup: openPopup() → cached list painted', (f) => spread(f.toolbar.openMs)),
      per('', '1b. … of which openPopup() → navigation (the browser)', (f) => spread(f.toolbar.navigationMs)),
      per('', '1b. … our share: HTML parsed → list painted', (f) => spread(f.toolbar.ourShareMs)),
      per('', '1b. … the floor page as the toolbar popup: the same span', (f) => spread(f.toolbar.floorMs)),
      per('', '1b. … above the floor: the same difference, as the toolbar popup', (f) =>
        ms(f.toolbar.ourShareMs.median - f.toolbar.floorMs.median),
      ),
      per('', '1b. openPopup() → first frame on screen: popup', (f) => spread(f.toolbar.presentedMs)),
      per('', '1b. openPopup() → first frame on screen: floor page', (f) => spread(f.toolbar.floorPresentedMs)),
      per(`≤ ${2 * report.latencyMs + 100} ms`, '2. cold open: navigation → first rows painted', (f) =>
        spread(f.coldOpen.ms),
      ),
      per(
        '1 round trip at any size',
        '2. cold open: Graph requests / round trips before the first rows',
        (f) => `${f.coldOpen.beforePaint.requests} / ${f.coldOpen.beforePaint.roundTrips}`,
      ),
      per('', '2. … navigation → complete list painted', (f) => spread(f.coldOpen.completeMs)),
      per(
        '',
        '2. … requests / round trips before the complete list',
        (f) => `${f.coldOpen.beforeComplete.requests} / ${f.coldOpen.beforeComplete.roundTrips}`,
      ),
      per(
        '',
        '2. … with the policies read after the paint',
        (f) => `${f.coldOpen.withPolicies.requests} / ${f.coldOpen.withPolicies.roundTrips}`,
      ),
      per('≤ 50 ms (1,000 groups)', '3. activate: click → request sent', (f) => spread(f.activate.requestSentMs)),
      per('', '3. activate: click → "active" shown', (f) => spread(f.activate.activeShownMs)),
      per('', '3. … click → request sent, the worker stopped before the popup opened', (f) =>
        spread(f.activate.afterStopRequestSentMs),
      ),
      per(
        'p95 ≤ 16 ms (1,000 groups)',
        '4. filter: keystroke → list updated',
        (f) => `${spread(f.filterKeystrokeMs)}, ${f.filterKeystrokeMs.n} keys`,
      ),
      per(
        '',
        "4. … a popup's first keystroke, typed as soon as its list is there",
        (f) => `${spread(f.filterFirstKeystrokeMs)}, ${f.filterFirstKeystrokeMs.n} popups`,
      ),
      per(
        '≤ 16.7 ms, a frame (1,000)',
        `4. … typed ${USER_PAUSE_MS / 1000} s after the list, as a user does`,
        (f) => `${spread(f.filterPacedFirstKeystrokeMs)}, ${f.filterPacedFirstKeystrokeMs.n} popups`,
      ),
      per('', '7. JS heap: popup (list rendered, windowed)', (f) => mb(f.memory.popupHeapBytes)),
      per(
        '',
        '7. JS heap: service worker / auth host',
        (f) => `${mb(f.memory.serviceWorkerHeapBytes)} / ${mb(f.memory.authHostHeapBytes)}`,
      ),
      per('', '8. baseline: sequential calls (ms)', (f) => baseline(f, (b) => spread(b.ms))),
      per('', '8. baseline: requests / round trips', (f) => baseline(f, (b) => `${b.requests} / ${b.roundTrips}`)),
      per('demo ≤ 0.3', '8. ratio: our cold open / baseline', (f) => baseline(f, (b) => b.ratio.toFixed(2))),
    ],
  );
  const { popup, serviceWorker, authHost } = report.bundle;
  const bytes = table(
    ['5. bundle (loaded before it runs)', 'JS raw', 'JS gzip', 'CSS raw', 'CSS gzip', 'files', 'target'],
    [
      [
        'popup, before first paint',
        kb(popup.js.raw),
        kb(popup.js.gzip),
        kb(popup.css.raw),
        kb(popup.css.gzip),
        String(popup.files.length),
        'JS ≤ 24,000 B gzip',
      ],
      [
        'service worker',
        kb(serviceWorker.js.raw),
        kb(serviceWorker.js.gzip),
        '',
        '',
        String(serviceWorker.files.length),
        '',
      ],
      [
        'auth host (only when a token is needed)',
        kb(authHost.js.raw),
        kb(authHost.js.gzip),
        '',
        '',
        String(authHost.files.length),
        '',
      ],
    ],
  );
  const idleRow = (label: string, f: IdleFigures, target: string) => {
    const perHour = (n: number) => ((n * 60) / f.simulatedMinutes).toFixed(1);
    const texts = f.badges.filter((text, i) => i === 0 || text !== f.badges[i - 1]).map((text) => text || '(none)');
    return [label, perHour(f.alarms), perHour(f.wakeUps), String(f.badgeChanges), texts.join(' → '), target];
  };
  const idle = table(
    ['6. idle (time-lapse, simulated time)', 'alarms/h', 'wake-ups/h', 'badge changes', 'badge', 'target'],
    [
      idleRow('nothing active or pending', report.idle.nothingActive, '0 wake-ups'),
      idleRow('one 8-hour activation: its first hour', report.idle.oneActivation8h, '≤ 1 wake-up per badge change'),
      idleRow(
        `… ${report.idle.lastMinutes.simulatedMinutes} minutes, from ${report.idle.lastMinutes.simulatedMinutes + 0.5} to 0.5 min left`,
        report.idle.lastMinutes,
        '≤ 1 wake-up per badge change',
      ),
    ],
  );
  const about = `${report.date}, ${report.machine.cpus} CPUs (load ${report.machine.loadAverage1m.toFixed(1)}), ${report.machine.chromium}, emulator latency ${report.latencyMs} ms, ${report.runs} runs per figure, ${Math.round(report.seconds)} s in all`;
  return [about, '', timed, '', bytes, '', idle].join('\n');
}
