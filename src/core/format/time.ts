// Times and durations for the popup, formatted with Intl in the UI language. Pure: the locale (and,
// for tests, the time zone) come in as arguments.

import { safeLocale } from './locale.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface Zone {
  /** BCP 47 tag; English when absent or not one Intl knows. */
  locale?: string;
  /** IANA time zone; the system's when absent. */
  timeZone?: string;
}

const cache = new Map<string, Intl.DateTimeFormat>();
function dateFormat(zone: Zone, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${zone.locale}|${zone.timeZone ?? ''}|${JSON.stringify(options)}`;
  let format = cache.get(id);
  if (!format) {
    const locale = safeLocale(zone.locale);
    try {
      format = new Intl.DateTimeFormat(locale, zone.timeZone ? { ...options, timeZone: zone.timeZone } : options);
    } catch {
      // An unknown time zone name: the system's zone is still better than no time.
      format = new Intl.DateTimeFormat(locale, options);
    }
    cache.set(id, format);
  }
  return format;
}

const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

/** "14:30" (or "2:30 PM"). */
export const formatTime = (ms: number, zone: Zone): string => dateFormat(zone, TIME).format(ms);

/** "3 Dec" (or "Dec 3"). */
export const formatDate = (ms: number, zone: Zone): string =>
  dateFormat(zone, { day: 'numeric', month: 'short' }).format(ms);

const dayOf = (ms: number, zone: Zone) =>
  dateFormat(zone, { year: 'numeric', month: 'numeric', day: 'numeric' }).format(ms);

/** A moment relative to now: "14:30" today, "Tue 09:00" within the week, else "3 Dec, 09:00". */
export function formatMoment(ms: number, nowMs: number, zone: Zone): string {
  if (dayOf(ms, zone) === dayOf(nowMs, zone)) return formatTime(ms, zone);
  if (Math.abs(ms - nowMs) < 6 * DAY) return dateFormat(zone, { weekday: 'short', ...TIME }).format(ms);
  return dateFormat(zone, { day: 'numeric', month: 'short', ...TIME }).format(ms);
}

/**
 * Creates the formats the list's rows may use (a weekday and time, a date and time, a date), so
 * the first keystroke that brings such rows on screen does not pay for them (0.3 to 2 ms each in
 * the popup at 1,000 groups, issue 19). For a moment after the first paint, not in it.
 */
export function warmFormats(zone: Zone, nowMs: number): void {
  formatMoment(nowMs + 2 * DAY, nowMs, zone);
  formatMoment(nowMs + 30 * DAY, nowMs, zone);
  formatDate(nowMs, zone);
}

/** Whole minutes left until `endMs`, rounded up so "0 min left" never shows while time remains. */
export const minutesLeft = (endMs: number, nowMs: number): number => Math.max(0, Math.ceil((endMs - nowMs) / MINUTE));

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** "now", "3 minutes ago", "1 hour ago", "yesterday". */
export function formatAgo(ms: number, nowMs: number, locale?: string): string {
  const tag = safeLocale(locale);
  let format = relativeFormats.get(tag);
  if (!format) {
    format = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
    relativeFormats.set(tag, format);
  }
  const minutes = Math.round((ms - nowMs) / MINUTE);
  if (minutes === 0) return format.format(0, 'second');
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}

/** "30 Nov 2026, 14:30": a moment in a list that spans months (the history). */
export const formatDateTime = (ms: number, zone: Zone): string =>
  dateFormat(zone, { day: 'numeric', month: 'short', year: 'numeric', ...TIME }).format(ms);
