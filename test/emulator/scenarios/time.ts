/**
 * ISO 8601 durations and scenario times. Scenario files may give times relative to the
 * emulator's start ("-PT2H", "+P1D"); the Graph service resolves them once, when it is
 * created, against `clock.now()` (the server sets the clock to `scenario.startTime` first).
 */

const DURATION =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** Milliseconds of an ISO 8601 duration (weeks, days, hours, minutes, seconds), or null when it is not one. */
export function parseDuration(value: string): number | null {
  const m = DURATION.exec(value);
  if (!m || value.toUpperCase() === 'P' || value.toUpperCase().endsWith('T')) return null;
  const [, w, d, h, min, s] = m;
  const n = (x: string | undefined) => (x === undefined ? 0 : Number(x));
  return (((n(w) * 7 + n(d)) * 24 + n(h)) * 60 + n(min)) * 60_000 + n(s) * 1000;
}

/** Formats milliseconds as an ISO 8601 duration the way Graph prints them ("PT2H", "PT1H30M", "P1D"). */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const h = Math.floor((totalSeconds % 86_400) / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  if (!days && !time) return 'PT0S';
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

/** True when the string is a relative scenario time ("+P1D", "-PT2H"). */
export function isRelativeTime(value: string): boolean {
  return /^[+-]P/i.test(value) && parseDuration(value.slice(1)) !== null;
}

/** Epoch ms of a scenario time: relative offsets are added to `startMs`, ISO strings are taken as they are. */
export function resolveTime(value: string, startMs: number): number {
  if (isRelativeTime(value)) {
    const ms = parseDuration(value.slice(1)) ?? 0;
    return value.startsWith('-') ? startMs - ms : startMs + ms;
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new Error(`Not an ISO date-time or relative time: "${value}"`);
  return t;
}

/** Graph prints date-times in UTC with a "Z" and no milliseconds. */
export function isoZ(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
