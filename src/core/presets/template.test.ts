import { describe, expect, it } from 'vitest';
import { expandJustification, isoCalendarDate } from './template.ts';

// 23:30 UTC on 30 November: already 1 December in Auckland, still 30 November in New York.
const date = new Date(Date.UTC(2026, 10, 30, 23, 30));
const expand = (template: string, ticket?: string) =>
  expandJustification(template, {
    date,
    locale: 'de-DE',
    timeZone: 'UTC',
    ...(ticket !== undefined ? { ticket } : {}),
  });

describe('expandJustification', () => {
  it('writes {date} as YYYY-MM-DD whatever the locale, in the given time zone', () => {
    expect(expand('On call {date}')).toBe('On call 2026-11-30');
    for (const locale of ['en-US', 'ar-EG', 'th-TH-u-ca-buddhist', 'fa-IR']) {
      expect(expandJustification('{date}', { date, locale, timeZone: 'UTC' })).toBe('2026-11-30');
    }
    expect(expandJustification('{date}', { date, timeZone: 'Pacific/Auckland' })).toBe('2026-12-01');
    expect(expandJustification('{date}', { date, timeZone: 'America/New_York' })).toBe('2026-11-30');
  });

  it('uses the system time zone without one (or with an unknown one)', () => {
    const local = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
    expect(expandJustification('{date}', { date })).toBe(local);
    expect(expandJustification('{date}', { date, timeZone: 'Mars/Olympus' })).toBe(local);
  });

  it('leaves {date} as typed for an invalid date', () => {
    expect(expandJustification('on {date}', { date: new Date(Number.NaN) })).toBe('on {date}');
    expect(isoCalendarDate(new Date(Number.NaN))).toBeUndefined();
  });

  it('fills in {ticket}, trimmed, and only once (no placeholders inside the ticket are expanded)', () => {
    expect(expand('Ticket {ticket}: fix on {date}', ' INC0012345 ')).toBe('Ticket INC0012345: fix on 2026-11-30');
    expect(expand('For {ticket}', '{date} $& $1')).toBe('For {date} $& $1');
    expect(expand('Ref ({ticket})', 'CHG9')).toBe('Ref (CHG9)');
    expect(expand('Ref {ticket}', 'A\nB\tC')).toBe('Ref A B C');
  });

  it.each([
    ['Fix {ticket} today', 'Fix today'],
    ['{ticket} deploy', 'deploy'],
    ['Deploy {ticket}', 'Deploy'],
    ['Deploy ({ticket}) now', 'Deploy now'],
    ['Deploy [{ticket}] now', 'Deploy now'],
    ['Deploy {ticket}, urgent', 'Deploy, urgent'],
    ['Deploy {ticket}.', 'Deploy.'],
    ['Ticket: {ticket} on {date}', 'Ticket: on 2026-11-30'],
    ['a {date} {ticket} b', 'a 2026-11-30 b'],
    ['INC{ticket}', 'INC'],
    ['Line one {ticket}\n{ticket} line two', 'Line one\nline two'],
    ['{ticket}', ''],
    ['{ticket} {ticket} x', 'x'],
    ['a\t{ticket}\tb', 'a b'],
  ])('an empty ticket removes {ticket} cleanly: %j', (template, expected) => {
    expect(expand(template)).toBe(expected);
    expect(expand(template, '   ')).toBe(expected);
    expect(expand(template)).not.toMatch(/ {2}/);
  });

  it('matches placeholders without regard to case and leaves unknown ones as typed', () => {
    expect(expand('{Date} {TICKET}', 'X1')).toBe('2026-11-30 X1');
    expect(expand('{reason} {date } {{date}} {}', 'X1')).toBe('{reason} {date } {2026-11-30} {}');
  });

  it('keeps the user’s own spacing and markup as text', () => {
    expect(expand('  <b>two  spaces</b>  ')).toBe('<b>two  spaces</b>');
  });

  it('trims and caps the result at 500 characters, never splitting a character', () => {
    expect(expand(`${'x'.repeat(495)} {ticket}`, 'INC0012345')).toBe(`${'x'.repeat(495)} INC0`);
    expect(expand(`${'x'.repeat(499)}🛡️`)).toBe('x'.repeat(499));
    expect(expand(`${'x'.repeat(498)} {date}`)).toBe(`${'x'.repeat(498)} 2`);
    expect(expand('x'.repeat(100_000))).toHaveLength(500);
  });
});
