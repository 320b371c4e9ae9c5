import { describe, expect, it } from 'vitest';
import { formatClockTime, formatMinutes, formatSeconds } from './humanize-duration.ts';

describe('formatMinutes', () => {
  it.each([
    [240, '4 hours'],
    [60, '1 hour'],
    [90, '1 hour 30 minutes'],
    [45, '45 minutes'],
    [1, '1 minute'],
    [0, '0 minutes'],
    [1440, '24 hours'],
    [89.6, '1 hour 30 minutes'],
    [-5, '0 minutes'],
    [Number.NaN, '0 minutes'],
  ])('%s → %s', (minutes, text) => {
    expect(formatMinutes(minutes, 'en')).toBe(text);
  });

  it('follows the locale', () => {
    expect(formatMinutes(240, 'de')).toBe('4 Stunden');
    expect(formatMinutes(90, 'fr')).toMatch(/^1\sheure/);
  });

  it('falls back to English for a missing or invalid locale', () => {
    expect(formatMinutes(90)).toBe('1 hour 30 minutes');
    expect(formatMinutes(90, 'not a locale!')).toBe('1 hour 30 minutes');
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
    [3900, '1 hour 5 minutes'],
  ])('%s → %s', (seconds, text) => {
    expect(formatSeconds(seconds, 'en')).toBe(text);
  });
});

describe('formatClockTime', () => {
  const at = Date.UTC(2026, 10, 30, 14, 35);

  it('formats in the locale and time zone', () => {
    expect(formatClockTime(at, 'en-GB', 'UTC')).toBe('14:35');
    expect(formatClockTime(at, 'en-US', 'UTC')).toMatch(/^2:35\sPM$/);
    expect(formatClockTime(at, 'en-GB', 'Europe/Berlin')).toBe('15:35');
  });

  it('ignores an unknown time zone instead of throwing', () => {
    expect(formatClockTime(at, 'en-GB', 'Mars/Olympus')).toMatch(/^\d{2}:35$/);
  });
});
