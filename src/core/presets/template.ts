// A preset's justification template made into the justification sent to PIM: `{date}` becomes
// the ISO calendar date, `{ticket}` the ticket number (or goes away cleanly), anything else in
// braces stays as typed. Placeholders are matched without regard to case.
import { PRESET_LIMITS } from './limits.ts';

export interface TemplateValues {
  /** The day to write for `{date}`. */
  date: Date;
  /**
   * The user's locale. `{date}` ignores it on purpose: reviewers search for YYYY-MM-DD whatever
   * language the requester uses.
   */
  locale?: string;
  /** IANA time zone whose calendar day `{date}` is; the system's when absent. */
  timeZone?: string;
  /** The ticket number; empty or absent removes `{ticket}` and the space around it. */
  ticket?: string;
}

/** Templates are at most 500 characters; far longer input is cut before any work is done. */
const MAX_INPUT = 10 * PRESET_LIMITS.justification;

const pad = (n: number, width: number): string => String(Math.abs(n)).padStart(width, '0');

function ymd(year: number, month: number, day: number): string {
  return `${year < 0 ? '-' : ''}${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** YYYY-MM-DD of `date` in `timeZone` (or the system's); undefined for an invalid date. */
export function isoCalendarDate(date: Date, timeZone?: string): string | undefined {
  if (!(date instanceof Date) || !Number.isFinite(date.getTime())) return undefined;
  if (timeZone) {
    try {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
      }).formatToParts(date);
      const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
      const bc = /^B/i.test(parts.find((p) => p.type === 'era')?.value ?? '');
      const year = bc ? 1 - part('year') : part('year');
      if ([year, part('month'), part('day')].every(Number.isFinite)) return ymd(year, part('month'), part('day'));
    } catch {
      // An unknown time zone: fall back to the system's.
    }
  }
  return ymd(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/** What may follow a removed `{ticket}` without a space before it. */
const CLOSING = /^[,.;:!?)\]}]/;

/**
 * `{date}`, or `{ticket}` with the spaces and tabs around it (and brackets right around it, which
 * go when the ticket is empty). The lookahead captures the next character on the line.
 */
const PLACEHOLDER = /\{date\}|([ \t]*)(\(\{ticket\}\)|\[\{ticket\}\]|\{ticket\})([ \t]*)(?=(.?))/giu;

/** Removes text that is about to be inserted from ever looking like a line break or a control. */
const oneLine = (s: string): string =>
  s
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  // Never split a surrogate pair.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end).trimEnd();
}

/** The justification to send: placeholders filled in, trimmed, at most 500 characters. */
export function expandJustification(template: string, values: TemplateValues): string {
  const source = typeof template === 'string' ? template.slice(0, MAX_INPUT) : '';
  const date = isoCalendarDate(values.date, values.timeZone);
  const ticket = oneLine(typeof values.ticket === 'string' ? values.ticket : '');
  const expanded = source.replace(
    PLACEHOLDER,
    (
      whole: string,
      before: string | undefined,
      token: string | undefined,
      after: string,
      next: string,
      offset: number,
    ) => {
      if (token === undefined) return date ?? whole;
      if (ticket !== '') return `${before}${token.replace(/\{ticket\}/i, () => ticket)}${after}`;
      const lineStart = offset === 0 || source[offset - 1] === '\n';
      const lineEnd = next === '';
      if (lineStart || lineEnd || CLOSING.test(next)) return '';
      return before !== '' || after !== '' ? ' ' : '';
    },
  );
  return cap(expanded.trim(), PRESET_LIMITS.justification);
}
