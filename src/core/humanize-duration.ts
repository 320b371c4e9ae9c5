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

function unit(locale: string, name: 'hour' | 'minute' | 'second', value: number): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
}

/** "4 hours", "1 hour 30 minutes", "45 minutes": whole minutes, rounded; negative values count as 0. */
export function formatMinutes(minutes: number, locale?: string): string {
  const loc = safeLocale(locale);
  const whole = Number.isFinite(minutes) ? Math.max(0, Math.round(minutes)) : 0;
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (!hours) return unit(loc, 'minute', rest);
  if (!rest) return unit(loc, 'hour', hours);
  // A unit list ("1 hour 30 minutes" in English) uses each language's own joiner.
  return new Intl.ListFormat(loc, { type: 'unit', style: 'narrow' }).format([
    unit(loc, 'hour', hours),
    unit(loc, 'minute', rest),
  ]);
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
