import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultDuration } from './duration.ts';
import { durationToMinutes, minutesToDuration } from './iso-duration.ts';

describe('durations', () => {
  it.each([
    ['PT8H', 480],
    ['PT30M', 30],
    ['PT1H30M', 90],
    ['P1D', 1440],
    ['PT24H', 1440],
    ['PT90S', 1.5],
  ])('%s is %d minutes', (iso, minutes) => {
    expect(durationToMinutes(iso)).toBe(minutes);
  });

  it('refuses what has no fixed length or does not parse', () => {
    expect(durationToMinutes('P1M')).toBeUndefined();
    expect(durationToMinutes('8 hours')).toBeUndefined();
    expect(durationToMinutes('')).toBeUndefined();
    // Found by fuzzing: a number too large to represent became Infinity, which no cache can hold.
    expect(durationToMinutes(`P${'9'.repeat(400)}D`)).toBeUndefined();
  });

  it.each([
    [90, 'PT1H30M'],
    [480, 'PT8H'],
    [5, 'PT5M'],
    [0, 'PT0S'],
  ])('%d minutes is %s', (minutes, iso) => {
    expect(minutesToDuration(minutes)).toBe(iso);
  });

  it('round-trips every whole number of minutes up to a day', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1440 }), (m) => durationToMinutes(minutesToDuration(m)) === m));
  });

  it('defaults to the last choice capped at the policy maximum, never above it', () => {
    expect(defaultDuration(240)).toBe(240);
    expect(defaultDuration(240, 60)).toBe(60);
    expect(defaultDuration(240, 480)).toBe(240);
    expect(defaultDuration(240, 1)).toBe(5);
    // The organisation's default applies when the user has no choice for the group; the maximum caps it.
    expect(defaultDuration(240, undefined, 120)).toBe(120);
    expect(defaultDuration(240, 60, 120)).toBe(60);
    expect(defaultDuration(60, undefined, 120)).toBe(60);
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 1440 }),
        fc.option(fc.integer({ min: -10, max: 5000 }), { nil: undefined }),
        (max, last) => {
          const d = defaultDuration(max, last);
          return d <= max && d >= Math.min(5, max);
        },
      ),
    );
  });
});
