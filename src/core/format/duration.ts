// Durations and lists for user-facing sentences, formatted with `Intl` for the caller's locale
// ("4 hours", "1 hour, 30 minutes", "30 seconds", "A, B, and C"); clock times are time.ts's. No
// browser APIs: the caller passes the locale (e.g. `browser.i18n.getUILanguage()`).
import { safeLocale } from './locale.ts';

type Unit = 'day' | 'hour' | 'minute' | 'second';
type Style = 'long' | 'short';

/** The parts of a duration in `Intl.DurationFormat`'s shape. */
export interface DurationParts {
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
}

/** `Intl.DurationFormat` (Chromium 129+, Firefox 136+; not in Node 20 nor TypeScript's lib yet). */
interface DurationFormatLike {
  format(duration: DurationParts): string;
}
type DurationFormatConstructor = new (
  locale: string,
  options: { style: Style; days?: 'long'; daysDisplay?: 'auto' },
) => DurationFormatLike;

const PLURAL: Record<Unit, keyof DurationParts> = { day: 'days', hour: 'hours', minute: 'minutes', second: 'seconds' };

// Formatters are cached: a list of 1,000 rows formats its durations on every render.
const unitFormats = new Map<string, Intl.NumberFormat>();
const listFormats = new Map<string, Intl.ListFormat>();
const durationFormats = new Map<string, DurationFormatLike>();

function unit(locale: string, name: Unit, value: number, display: Style): string {
  const id = `${locale}|${name}|${display}`;
  let format = unitFormats.get(id);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: display });
    unitFormats.set(id, format);
  }
  return format.format(value);
}

function unitList(locale: string, parts: string[], style: Style): string {
  const id = `${locale}|${style}`;
  let format = listFormats.get(id);
  if (!format) {
    format = new Intl.ListFormat(locale, { type: 'unit', style });
    listFormats.set(id, format);
  }
  return format.format(parts);
}

function durationFormat(locale: string, style: Style, longDays: boolean): DurationFormatLike | undefined {
  const Native = (Intl as { DurationFormat?: DurationFormatConstructor }).DurationFormat;
  if (!Native) return undefined;
  const id = `${locale}|${style}|${longDays}`;
  let format = durationFormats.get(id);
  if (!format) {
    // Naming a unit's style makes DurationFormat show it even when zero ("0 days, 8 hr"), unless told not to.
    const native = new Native(locale, longDays ? { style, days: 'long', daysDisplay: 'auto' } : { style });
    // Rows repeat the same few durations ("up to 8 hr"), and formatting one takes far longer than
    // looking it up (it showed in the CPU profile of the popup's first keystroke at 1,000 groups,
    // issue 19). A few thousand at most: durations are whole minutes within PIM's limits.
    const texts = new Map<string, string>();
    format = {
      format(duration) {
        const id = JSON.stringify(duration);
        let text = texts.get(id);
        if (text === undefined) {
          text = native.format(duration);
          texts.set(id, text);
        }
        return text;
      },
    };
    durationFormats.set(id, format);
  }
  return format;
}

/**
 * A duration of the given units (largest first; zero units left out), with `Intl.DurationFormat`
 * where the browser has it, else number units joined by a unit list of the same style, which is
 * what DurationFormat does ("1 hour, 30 minutes", "1 Std., 30 Min.", "1 時間 30 分").
 * An all-zero duration is "0 <smallest unit>": DurationFormat would give an empty string.
 */
function duration(locale: string, parts: Array<[Unit, number]>, style: Style, longDays = false): string {
  const shown = parts.filter(([, value]) => value > 0);
  const smallest = parts[parts.length - 1] ?? ['minute', 0];
  const display = (name: Unit): Style => (longDays && name === 'day' ? 'long' : style);
  if (shown.length === 0) return unit(locale, smallest[0], 0, display(smallest[0]));
  const native = durationFormat(locale, style, longDays);
  if (native) return native.format(Object.fromEntries(shown.map(([name, value]) => [PLURAL[name], value])));
  return unitList(
    locale,
    shown.map(([name, value]) => unit(locale, name, value, display(name))),
    style,
  );
}

const wholeMinutes = (minutes: number) => (Number.isFinite(minutes) ? Math.max(0, Math.round(minutes)) : 0);

/** "4 hours", "1 hour, 30 minutes", "45 minutes": whole minutes, rounded; negative values count as 0. */
export function formatMinutes(minutes: number, locale?: string): string {
  const whole = wholeMinutes(minutes);
  return duration(
    safeLocale(locale),
    [
      ['hour', Math.floor(whole / 60)],
      ['minute', whole % 60],
    ],
    'long',
  );
}

/** For compact UI: "1 hr, 20 min", "45 min", "2 days, 3 hr": largest units first, at most two. */
export function formatMinutesShort(minutes: number, locale?: string): string {
  const total = wholeMinutes(minutes);
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const parts: Array<[Unit, number]> = days
    ? [
        ['day', days],
        ['hour', hours],
      ]
    : [
        ['hour', hours],
        ['minute', total % 60],
      ];
  return duration(safeLocale(locale), parts, 'short', true);
}

const conjunctions = new Map<string, Intl.ListFormat>();

/** "A, B, and C" / "A, B und C" / "A、B、C": a list of names inside a sentence, joined the locale's way. */
export function formatList(items: readonly string[], locale?: string): string {
  const loc = safeLocale(locale);
  let format = conjunctions.get(loc);
  if (!format) {
    format = new Intl.ListFormat(loc, { type: 'conjunction', style: 'long' });
    conjunctions.set(loc, format);
  }
  return format.format(items);
}

/** "30 seconds" under two minutes, otherwise whole minutes ("2 minutes", "1 hour, 5 minutes"), rounded up. */
export function formatSeconds(seconds: number, locale?: string): string {
  const whole = Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : 0;
  if (whole < 120) return duration(safeLocale(locale), [['second', whole]], 'long');
  return formatMinutes(Math.ceil(whole / 60), locale);
}
