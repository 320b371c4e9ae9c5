import { parse, serialize } from 'tinyduration';

/**
 * Minutes in an ISO 8601 duration ("PT8H" → 480); undefined for anything unparseable, calendar-based
 * or too large to be a number ("P999…9D" from a hostile policy would otherwise be Infinity).
 */
export function durationToMinutes(iso: string): number | undefined {
  try {
    const d = parse(iso);
    // Months and years have no fixed length; PIM policies never use them.
    if (d.years || d.months) return undefined;
    const minutes =
      (d.weeks ?? 0) * 10_080 + (d.days ?? 0) * 1_440 + (d.hours ?? 0) * 60 + (d.minutes ?? 0) + (d.seconds ?? 0) / 60;
    if (!Number.isFinite(minutes)) return undefined;
    return d.negative ? -minutes : minutes;
  } catch {
    return undefined;
  }
}

/** "PT1H30M" for 90 minutes: what `scheduleInfo.expiration.duration` expects. */
export function minutesToDuration(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  return serialize({ ...(hours ? { hours } : {}), ...(rest || !hours ? { minutes: rest } : {}) });
}
