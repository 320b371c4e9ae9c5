import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatMinutesShort } from './duration.ts';
import { formatAgo, formatDate, formatMoment, formatTime, minutesLeft, warmFormats } from './time.ts';

const gb = { locale: 'en-GB', timeZone: 'UTC' };
const us = { locale: 'en-US', timeZone: 'UTC' };
const at = (iso: string) => Date.parse(iso);
const now = at('2026-11-30T10:00:00Z'); // a Monday

describe('times', () => {
  it('formats clock times and dates in the UI language', () => {
    expect(formatTime(at('2026-11-30T14:30:00Z'), gb)).toBe('14:30');
    expect(formatTime(at('2026-11-30T14:30:00Z'), us)).toBe('2:30 PM');
    expect(formatDate(at('2026-12-03T14:30:00Z'), gb)).toBe('3 Dec');
    expect(formatDate(at('2026-12-03T14:30:00Z'), us)).toBe('Dec 3');
  });

  it('says the time today, the weekday within the week, the date beyond', () => {
    expect(formatMoment(at('2026-11-30T14:30:00Z'), now, gb)).toBe('14:30');
    expect(formatMoment(at('2026-12-01T09:00:00Z'), now, gb)).toBe('Tue 09:00');
    expect(formatMoment(at('2026-12-20T09:00:00Z'), now, gb)).toBe('20 Dec, 9:00');
  });

  it.each([
    ['en', '2:30 PM', 'Dec 3', 'Tue 9:00 AM', 'Dec 20, 9:00 AM', '3 minutes ago', 'in 2 hours', 'now', 'yesterday'],
    ['de', '14:30', '3. Dez.', 'Di., 09:00', '20. Dez., 9:00', 'vor 3 Minuten', 'in 2 Stunden', 'jetzt', 'gestern'],
    ['fr', '14:30', '3 déc.', 'mar. 09:00', '20 déc., 9:00', 'il y a 3 minutes', 'dans 2 heures', 'maintenant', 'hier'],
    ['ja', '14:30', '12月3日', '9:00 (火)', '12月20日 9:00', '3 分前', '2 時間後', '今', '昨日'],
  ])('%s: times, dates and relative times the way the language writes them', (locale, ...expected) => {
    const zone = { locale, timeZone: 'UTC' };
    const texts = [
      formatTime(at('2026-11-30T14:30:00Z'), zone),
      formatDate(at('2026-12-03T14:30:00Z'), zone),
      formatMoment(at('2026-12-01T09:00:00Z'), now, zone),
      formatMoment(at('2026-12-20T09:00:00Z'), now, zone),
      formatAgo(now - 3 * 60_000, now, locale),
      formatAgo(now + 2 * 3_600_000, now, locale),
      formatAgo(now - 20_000, now, locale),
      formatAgo(now - 26 * 3_600_000, now, locale),
    ];
    // ICU puts no-break and narrow no-break spaces in some of these; compare with plain spaces.
    expect(texts.map((text) => text.replace(/[\u00a0\u202f]/g, ' '))).toEqual(expected);
  });

  it('says how long ago', () => {
    expect(formatAgo(now - 3 * 60_000, now, 'en')).toBe('3 minutes ago');
    expect(formatAgo(now - 20_000, now, 'en')).toBe('now');
    expect(formatAgo(now - 2 * 3_600_000, now, 'en')).toBe('2 hours ago');
    expect(formatAgo(now - 26 * 3_600_000, now, 'en')).toBe('yesterday');
  });
});

describe('formats are made once', () => {
  afterEach(() => vi.restoreAllMocks());

  /** The options of every `Intl.DateTimeFormat` or `RelativeTimeFormat` made while `run` runs. */
  function made(run: () => void): string[] {
    const options: string[] = [];
    for (const name of ['DateTimeFormat', 'RelativeTimeFormat'] as const) {
      const Real = Intl[name];
      // biome-ignore lint/complexity/useArrowFunction: Vitest calls a mocked constructor with `new`, which an arrow function refuses
      vi.spyOn(Intl, name).mockImplementation(function (locale: string, option: object) {
        options.push(`${name} ${JSON.stringify(option)}`);
        return new (Real as typeof Intl.DateTimeFormat)(locale, option);
      } as never);
    }
    run();
    vi.restoreAllMocks();
    return options;
  }

  it('makes the formats rows use when warmed, so a row rendered after makes none', () => {
    // A zone no other test uses: the formats are cached per zone for the page's life.
    const zone = { locale: 'en-GB', timeZone: 'Pacific/Auckland' };
    expect(made(() => warmFormats(zone, now))).toEqual([
      'DateTimeFormat {"year":"numeric","month":"numeric","day":"numeric","timeZone":"Pacific/Auckland"}',
      'DateTimeFormat {"weekday":"short","hour":"numeric","minute":"2-digit","timeZone":"Pacific/Auckland"}',
      'DateTimeFormat {"day":"numeric","month":"short","hour":"numeric","minute":"2-digit","timeZone":"Pacific/Auckland"}',
      'DateTimeFormat {"day":"numeric","month":"short","timeZone":"Pacific/Auckland"}',
    ]);
    const texts: string[] = [];
    expect(
      made(() => {
        texts.push(formatMoment(at('2026-12-01T09:00:00Z'), now, zone));
        texts.push(formatMoment(at('2026-12-20T09:00:00Z'), now, zone));
        texts.push(formatDate(at('2026-12-03T14:30:00Z'), zone));
      }),
    ).toEqual([]);
    expect(texts).toEqual(['Tue 22:00', '20 Dec, 22:00', '4 Dec']);
  });

  it('makes one relative time format per language', () => {
    expect(
      made(() => {
        formatAgo(now - 3 * 60_000, now, 'fr-CA');
        formatAgo(now - 2 * 3_600_000, now, 'fr-CA');
      }),
    ).toEqual(['RelativeTimeFormat {"numeric":"auto"}']);
  });
});

describe("the system's time zone (the extension passes none)", () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  // "Today" is the calendar day in the system's zone: the same answer as naming that zone.
  // Each with a language no other test uses: a format made without a zone keeps the system's zone
  // of the moment it was made, and formats are kept for the page's life.
  it.each([
    ['Pacific/Auckland', 'en-NZ'],
    ['America/Los_Angeles', 'en-CA'],
    ['Asia/Kolkata', 'en-IN'],
    ['UTC', 'en-IE'],
  ])('%s: today, this week, later', (tz, locale) => {
    process.env.TZ = tz;
    const moments = [
      '2026-11-30T10:00:00Z',
      '2026-11-30T10:59:00Z',
      '2026-11-30T11:01:00Z',
      '2026-11-30T18:29:00Z',
      '2026-11-30T18:31:00Z',
      '2026-11-30T23:59:00Z',
      '2026-12-01T07:59:00Z',
      '2026-12-01T08:01:00Z',
      '2026-12-04T12:00:00Z',
      '2026-12-20T09:00:00Z',
    ].map(at);
    const system = moments.map((ms) => formatMoment(ms, now, { locale }));
    expect(system).toEqual(moments.map((ms) => formatMoment(ms, now, { locale, timeZone: tz })));
    // The zone was the one set: its "today" ends at its own midnight.
    expect(new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone).toBe(
      new Intl.DateTimeFormat('en').resolvedOptions().timeZone,
    );
  });
});

describe('durations', () => {
  it.each([
    [80, '1 hr, 20 min'],
    [45, '45 min'],
    [60, '1 hr'],
    [0, '0 min'],
    [1440 + 180, '1 day, 3 hr'],
    [2880, '2 days'],
  ])('%d minutes reads %s', (minutes, text) => {
    expect(formatMinutesShort(minutes, 'en-US')).toBe(text);
  });

  it('rounds the time left up to whole minutes', () => {
    expect(minutesLeft(now + 80 * 60_000, now)).toBe(80);
    expect(minutesLeft(now + 61_000, now)).toBe(2);
    expect(minutesLeft(now - 1, now)).toBe(0);
  });
});

describe('formatTime: locale, time zone and their fallbacks', () => {
  const at = Date.UTC(2026, 10, 30, 14, 35);

  it('formats in the locale and time zone', () => {
    expect(formatTime(at, { locale: 'en-GB', timeZone: 'UTC' })).toBe('14:35');
    expect(formatTime(at, { locale: 'en-US', timeZone: 'UTC' })).toMatch(/^2:35\sPM$/);
    expect(formatTime(at, { locale: 'en-GB', timeZone: 'Europe/Berlin' })).toBe('15:35');
  });

  it('ignores an unknown time zone or locale instead of throwing', () => {
    expect(formatTime(at, { locale: 'not a locale!', timeZone: 'UTC' })).toMatch(/^2:35\sPM$/);
    expect(formatTime(at, { timeZone: 'UTC' })).toMatch(/^2:35\sPM$/);
    // The system's zone, whatever its offset (not every zone is a whole number of hours from UTC).
    expect(formatTime(at, { locale: 'en-GB', timeZone: 'Mars/Olympus' })).toBe(formatTime(at, { locale: 'en-GB' }));
  });
});
