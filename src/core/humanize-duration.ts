// Durations and clock times for user-facing sentences, formatted with `Intl` for the caller's
// locale ("4 hours", "1 hour 30 minutes", "30 seconds", "14:35"). No browser APIs: the caller
// passes the locale (e.g. `browser.i18n.getUILanguage()`).

/** Falls back to English when the locale tag is missing or not one `Intl` accepts. */
function safeLocale(locale: string | undefined): string {
  if (!locale) return 'en';
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

type Unit = 'day' | 'hour' | 'minute' | 'second';
const unitFormats = new Map<string, Intl.NumberFormat>();
const listFormats = new Map<string, Intl.ListFormat>();

/** Formatters are cached: a list of 1,000 rows formats its durations on every render. */
function unit(locale: string, name: Unit, value: number, display: 'long' | 'short' = 'long'): string {
  const id = `${locale}|${name}|${display}`;
  let format = unitFormats.get(id);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: display });
    unitFormats.set(id, format);
  }
  return format.format(value);
}

/** A unit list ("1 hour 30 minutes" in English) uses each language's own joiner. */
function unitList(locale: string, parts: string[]): string {
  let format = listFormats.get(locale);
  if (!format) {
    format = new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' });
    listFormats.set(locale, format);
  }
  return format.format(parts);
}

/** "4 hours", "1 hour 30 minutes", "45 minutes": whole minutes, rounded; negative values count as 0. */
export function formatMinutes(minutes: number, locale?: string): string {
  const loc = safeLocale(locale);
  const whole = Number.isFinite(minutes) ? Math.max(0, Math.round(minutes)) : 0;
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (!hours) return unit(loc, 'minute', rest);
  if (!rest) return unit(loc, 'hour', hours);
  return unitList(loc, [unit(loc, 'hour', hours), unit(loc, 'minute', rest)]);
}

/** For compact UI: "1 hr 20 min", "45 min", "2 days 3 hr": largest units first, at most two. */
export function formatMinutesShort(minutes: number, locale?: string): string {
  const loc = safeLocale(locale);
  const total = Number.isFinite(minutes) ? Math.max(0, Math.round(minutes)) : 0;
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const rest = total % 60;
  const short = (value: number, name: Unit) => unit(loc, name, value, name === 'day' ? 'long' : 'short');
  const parts = days
    ? [short(days, 'day'), ...(hours ? [short(hours, 'hour')] : [])]
    : [...(hours ? [short(hours, 'hour')] : []), ...(rest || !hours ? [short(rest, 'minute')] : [])];
  return unitList(loc, parts);
}

/** "30 seconds" under two minutes, otherwise whole minutes ("2 minutes", "1 hour 5 minutes"), rounded up. */
export function formatSeconds(seconds: number, locale?: string): string {
  const whole = Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : 0;
  if (whole < 120) return unit(safeLocale(locale), 'second', whole);
  return formatMinutes(Math.ceil(whole / 60), locale);
}

/** The hour and minute of `epochMs` in the locale's style ("14:35", "2:35 PM"); `timeZone` defaults to the system's. */
export function formatClockTime(epochMs: number, locale?: string, timeZone?: string): string {
  const loc = safeLocale(locale);
  const options: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
  try {
    return new Intl.DateTimeFormat(loc, timeZone ? { ...options, timeZone } : options).format(epochMs);
  } catch {
    // An unknown time zone name: the system's zone is still better than no time.
    return new Intl.DateTimeFormat(loc, options).format(epochMs);
  }
}
