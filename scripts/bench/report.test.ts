import { describe, expect, it } from 'vitest';
import type { IdleFigures } from './idle.ts';
import { type BenchReport, renderReport, type ScenarioFigures, spread } from './report.ts';
import { summarise } from './stats.ts';

const bytes = (js: number, css = 0) => ({
  js: { raw: js * 3, gzip: js },
  css: { raw: css * 3, gzip: css },
  files: ['a.js'],
});
const idle = (badges: string[], changes: number): IdleFigures => ({
  simulatedMinutes: 60,
  alarms: changes,
  wakeUps: changes,
  badgeChanges: changes,
  badges,
});
const figures = (over: Partial<ScenarioFigures> = {}): ScenarioFigures => ({
  items: 16,
  warmOpenMs: summarise([30, 40, 50]),
  warmHtmlParsedMs: summarise([10, 12, 14]),
  warmOurShareMs: summarise([20, 28, 36]),
  warmFloorMs: summarise([15, 18, 21]),
  warmFromHead: 2,
  toolbar: {
    openMs: summarise([330, 340, 350]),
    navigationMs: summarise([260, 265, 270]),
    ourShareMs: summarise([38, 40, 44]),
    floorMs: summarise([15, 18, 20]),
    presentedMs: summarise([390, 400, 410]),
    floorPresentedMs: summarise([350, 360, 370]),
  },
  coldOpen: {
    ms: summarise([250]),
    beforePaint: { requests: 1, roundTrips: 1 },
    completeMs: summarise([250]),
    beforeComplete: { requests: 1, roundTrips: 1 },
    withPolicies: { requests: 2, roundTrips: 2 },
  },
  activate: {
    requestSentMs: summarise([12]),
    activeShownMs: summarise([150]),
    afterStopRequestSentMs: summarise([40, 60]),
  },
  filterKeystrokeMs: summarise([1, 2, 3]),
  filterFirstKeystrokeMs: summarise([3, 14]),
  filterPacedFirstKeystrokeMs: summarise([4, 9, 11]),
  memory: { popupHeapBytes: 4 * 1024 * 1024, serviceWorkerHeapBytes: 1.5 * 1024 * 1024, authHostHeapBytes: Number.NaN },
  baseline: { ms: summarise([1000]), requests: 19, roundTrips: 19, ratio: 0.25 },
  ...over,
});
const report: BenchReport = {
  date: '2026-11-30T06:00:00.000Z',
  machine: { cpus: 2, loadAverage1m: 1.5, chromium: 'Chrome/156.0.0.0' },
  latencyMs: 80,
  runs: 3,
  bundle: { popup: bytes(20_480, 2048), serviceWorker: bytes(40_960), authHost: bytes(71_680) },
  idle: {
    nothingActive: idle(['', ''], 0),
    oneActivation8h: idle(['7h', '6h', '6h'], 1),
    lastMinutes: { ...idle(['7m', '6m', '5m', '4m', '3m', '2m', '1m'], 6), simulatedMinutes: 6 },
  },
  scenarios: {
    demo: figures(),
    large: figures({
      items: 1000,
      coldOpen: {
        ms: summarise([300]),
        beforePaint: { requests: 1, roundTrips: 1 },
        completeMs: summarise([1100]),
        beforeComplete: { requests: 10, roundTrips: 10 },
        withPolicies: { requests: 60, roundTrips: 23 },
      },
      baseline: { skipped: 'asked not to' },
    }),
  },
  seconds: 200.4,
};

describe('renderReport', () => {
  const text = renderReport(report);
  const line = (start: string) => text.split('\n').find((l) => l.startsWith(`| ${start}`)) ?? '';

  it('says where and how it was measured', () => {
    expect(text.split('\n')[0]).toBe(
      '2026-11-30T06:00:00.000Z, 2 CPUs (load 1.5), Chrome/156.0.0.0, emulator latency 80 ms, 3 runs per figure, 200 s in all',
    );
  });

  it('prints every one of the eight figures with one column per scenario and the target', () => {
    for (const n of ['1.', '2.', '3.', '4.', '7.', '8.']) expect(line(n)).not.toBe('');
    expect(line('1. warm open')).toMatch(
      /\| 40, p95 49 \(30–50\) +\| 40, p95 49 \(30–50\) +\| ≤ 50 ms; 1,000 groups ≤ 150 ms \|$/,
    );
    expect(line('1. … our share')).toMatch(
      /\| 28, p95 35 \(20–36\) +\| 28, p95 35 \(20–36\) +\| ≤ 25 ms \(16 groups\) +\|$/,
    );
    expect(line("1. … painted from the last popup's first screen")).toMatch(
      /\| 2 of 3 opens +\| 2 of 3 opens +\| +\|$/,
    );
    expect(line('1. … the floor')).toMatch(/\| 18, p95 21 \(15–21\) +\| 18, p95 21 \(15–21\) +\| +\|$/);
    // The medians' difference: 28 − 18, and as the toolbar popup 40 − 18.
    expect(line('1. … above the floor')).toMatch(/\| 10 +\| 10 +\| +\|$/);
    expect(line('1b. … above the floor')).toMatch(/\| 22 +\| 22 +\| +\|$/);
    expect(line('1b. toolbar popup: openPopup() → cached list painted')).toMatch(
      /\| 340, p95 349 \(330–350\) +\| 340, p95 349 \(330–350\) +\| +\|$/,
    );
    expect(line('1b. … our share')).toMatch(/\| 40, p95 44 \(38–44\) +\| 40, p95 44 \(38–44\) +\| +\|$/);
    expect(line('1b. … the floor page')).toMatch(/\| 18, p95 20 \(15–20\) +\| 18, p95 20 \(15–20\) +\| +\|$/);
    expect(line('1b. openPopup() → first frame on screen: floor')).toMatch(/\| 360, p95 369 \(350–370\) +\|/);
    expect(line('3. … click → request sent, the worker stopped')).toMatch(
      /\| 50, p95 59 \(40–60\) +\| 50, p95 59 \(40–60\) +\| +\|$/,
    );
    expect(line('3. activate: click → request sent')).toMatch(
      /\| 12, p95 12 \(12–12\) .*\| ≤ 50 ms \(1,000 groups\) +\|$/,
    );
    expect(line('2. cold open: navigation → first rows')).toMatch(
      /\| 250, p95 250 \(250–250\) +\| 300, p95 300 \(300–300\) +\| ≤ 260 ms +\|$/,
    );
    expect(line('2. cold open: Graph requests / round trips before the first rows')).toMatch(
      /\| 1 \/ 1 +\| 1 \/ 1 +\| 1 round trip at any size +\|$/,
    );
    expect(line('2. … navigation → complete list')).toMatch(
      /\| 250, p95 250 \(250–250\) +\| 1100, p95 1100 \(1100–1100\) +\| +\|$/,
    );
    expect(line('2. … requests / round trips before the complete list')).toMatch(/\| 1 \/ 1 +\| 10 \/ 10 +\| +\|$/);
    expect(line('2. … with the policies')).toMatch(/\| 2 \/ 2 +\| 60 \/ 23 +\| +\|$/);
    expect(line('4. filter')).toContain('2.0, p95 2.9 (1.0–3.0), 3 keys');
    expect(line("4. … a popup's first keystroke")).toContain('8.5, p95 13 (3.0–14), 2 popups');
    expect(line('4. … typed 0.3 s after')).toMatch(
      /\| 9\.0, p95 11 \(4\.0–11\), 3 popups +\| ≤ 16\.7 ms, a frame \(1,000\) +\|$/,
    );
    expect(line('7. JS heap: service worker')).toContain('1.5 MB / –');
    expect(line('8. ratio')).toMatch(/\| 0\.25 +\| asked not to +\| demo ≤ 0\.3 +\|$/);
    expect(line('popup, before first paint')).toMatch(
      /\| 60\.0 KB +\| 20\.0 KB +\| 6\.0 KB +\| 2\.0 KB +\| 1 +\| JS ≤ 24,000 B gzip \|/,
    );
  });

  it('gives idle figures per hour and the badge texts as they changed', () => {
    expect(line('nothing active')).toMatch(/\| 0\.0 +\| 0\.0 +\| 0 +\| \(none\) +\|/);
    expect(line('one 8-hour activation')).toMatch(/\| 1\.0 +\| 1\.0 +\| 1 +\| 7h → 6h +\|/);
    expect(line('… 6 minutes, from 6.5 to 0.5 min left')).toMatch(
      /\| 60\.0 +\| 60\.0 +\| 6 +\| 7m → 6m → 5m → 4m → 3m → 2m → 1m +\|/,
    );
  });
});

describe('spread', () => {
  it('is the median and p95 with the smallest and largest run', () => {
    expect(spread(summarise([120.4, 80, 95.6]))).toBe('96, p95 118 (80–120)');
    expect(spread(summarise([1.25, 2.5]))).toBe('1.9, p95 2.4 (1.3–2.5)');
  });
});
