import { afterEach, describe, expect, it } from 'vitest';
import { type DurationParts, formatList, formatMinutes, formatMinutesShort, formatSeconds } from './duration.ts';

/** French puts no-break spaces between number and unit; compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMinutes', () => {
  it.each([
    [240, '4 hours'],
    [60, '1 hour'],
    [90, '1 hour, 30 minutes'],
    [45, '45 minutes'],
    [1, '1 minute'],
    [0, '0 minutes'],
    [1440, '24 hours'],
    [89.6, '1 hour, 30 minutes'],
    [-5, '0 minutes'],
    [Number.NaN, '0 minutes'],
  ])('%s → %s', (minutes, text) => {
    expect(formatMinutes(minutes, 'en')).toBe(text);
  });

  it.each([
    ['en', '1 hour, 30 minutes', '4 hours', '0 minutes'],
    ['de', '1 Stunde, 30 Minuten', '4 Stunden', '0 Minuten'],
    ['fr', '1 heure et 30 minutes', '4 heures', '0 minute'],
    ['ja', '1 時間 30 分', '4 時間', '0 分'],
  ])('follows the locale: %s', (locale, ninety, four, zero) => {
    expect([90, 240, 0].map((m) => plain(formatMinutes(m, locale)))).toEqual([ninety, four, zero]);
  });

  it('falls back to English for a missing or invalid locale', () => {
    expect(formatMinutes(90)).toBe('1 hour, 30 minutes');
    expect(formatMinutes(90, 'not a locale!')).toBe('1 hour, 30 minutes');
  });
});

describe('formatMinutesShort', () => {
  it.each([
    ['en', '1 hr, 20 min', '2 days, 3 hr', '30 min', '1 day', '0 min'],
    ['de', '1 Std., 20 Min.', '2 Tage, 3 Std.', '30 Min.', '1 Tag', '0 Min.'],
    ['fr', '1 h et 20 min', '2 jours et 3 h', '30 min', '1 jour', '0 min'],
    ['ja', '1 時間 20 分', '2 日 3 時間', '30 分', '1 日', '0 分'],
  ])('%s: largest units first, at most two, days spelled out', (locale, ...expected) => {
    expect([80, 3060, 30, 1470, 0].map((m) => plain(formatMinutesShort(m, locale)))).toEqual(expected);
  });
});

describe('with Intl.DurationFormat (Chromium 129+, Firefox 136+)', () => {
  // Node 20 has no Intl.DurationFormat, so the tests above cover the fallback; here a stand-in
  // records what the browser's formatter would be asked.
  const calls: Array<{ locale: string; options: object; duration: DurationParts }> = [];
  class StubDurationFormat {
    constructor(
      private readonly locale: string,
      private readonly options: object,
    ) {}
    format(duration: DurationParts): string {
      calls.push({ locale: this.locale, options: this.options, duration });
      return `<${this.locale} ${JSON.stringify(duration)}>`;
    }
  }
  const install = () =>
    Object.defineProperty(Intl, 'DurationFormat', { value: StubDurationFormat, configurable: true });
  afterEach(() => {
    Reflect.deleteProperty(Intl, 'DurationFormat');
    calls.length = 0;
  });

  it('hands the non-zero units to it, in the style of each function', () => {
    install();
    expect(formatMinutes(90, 'de')).toBe('<de {"hours":1,"minutes":30}>');
    expect(formatMinutesShort(3060, 'ja')).toBe('<ja {"days":2,"hours":3}>');
    expect(formatSeconds(45, 'fr')).toBe('<fr {"seconds":45}>');
    expect(formatMinutes(240, 'en')).toBe('<en {"hours":4}>');
    expect(calls.map((c) => c.options)).toEqual([
      { style: 'long' },
      { style: 'short', days: 'long', daysDisplay: 'auto' },
      { style: 'long' },
      { style: 'long' },
    ]);
  });

  it('is asked once for each duration: the rows repeat the same few', () => {
    install();
    const texts = [600, 600, 601, 600].map((m) => formatMinutesShort(m, 'sv'));
    expect(texts).toEqual([
      '<sv {"hours":10}>',
      '<sv {"hours":10}>',
      '<sv {"hours":10,"minutes":1}>',
      '<sv {"hours":10}>',
    ]);
    expect(calls.map((c) => c.duration)).toEqual([{ hours: 10 }, { hours: 10, minutes: 1 }]);
    // Another style of the same duration is another text.
    expect(formatMinutes(600, 'sv')).toBe('<sv {"hours":10}>');
    expect(calls).toHaveLength(3);
  });

  it('is not asked for a zero duration, which it would format as an empty string', () => {
    install();
    expect(formatMinutes(0, 'de')).toBe('0 Minuten');
    expect(calls).toEqual([]);
  });
});

describe('formatList', () => {
  it.each([
    ['en', 'A, B, and C'],
    ['de', 'A, B und C'],
    ['fr', 'A, B et C'],
    ['ja', 'A、B、C'],
  ])('%s joins a list the way the language does', (locale, text) => {
    expect(formatList(['A', 'B', 'C'], locale)).toBe(text);
  });

  it('leaves one item as it is and falls back to English for a bad locale', () => {
    expect(formatList(['login.microsoftonline.us'], 'de')).toBe('login.microsoftonline.us');
    expect(formatList(['A', 'B'], 'not a locale!')).toBe('A and B');
  });
});

describe('formatSeconds', () => {
  it.each([
    [30, '30 seconds'],
    [1, '1 second'],
    [0.2, '1 second'],
    [119, '119 seconds'],
    [120, '2 minutes'],
    [150, '3 minutes'],
    [3900, '1 hour, 5 minutes'],
  ])('%s → %s', (seconds, text) => {
    expect(formatSeconds(seconds, 'en')).toBe(text);
  });
});
