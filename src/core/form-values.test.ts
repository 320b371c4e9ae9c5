import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationSteps, fromLocalInput, toLocalInput } from './form-values.ts';

const at = (iso: string) => Date.parse(iso);

describe('duration choices', () => {
  it('offers sensible steps up to the maximum, which is always offered', () => {
    expect(durationSteps(480)).toEqual([30, 60, 120, 240, 480]);
    expect(durationSteps(90)).toEqual([30, 60, 90]);
    expect(durationSteps(1440)).toEqual([30, 60, 120, 240, 480, 720, 1440]);
    expect(durationSteps(20)).toEqual([20]);
    expect(durationSteps(2)).toEqual([5]);
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 20_000 }), (max) => {
        const steps = durationSteps(max);
        expect(steps.at(-1)).toBe(max);
        expect(steps.every((s, i) => s >= 5 && s <= max && (i === 0 || s > (steps[i - 1] ?? 0)))).toBe(true);
      }),
    );
  });
});

describe('datetime-local values', () => {
  it('round-trips local time to the minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('2000-01-01T00:00:00Z'), max: at('2100-01-01T00:00:00Z') }), (ms) => {
        const minute = Math.floor(ms / 60_000) * 60_000;
        const back = fromLocalInput(toLocalInput(minute));
        // A local time inside a DST gap or overlap may move by an hour; everything else is exact.
        expect(Math.abs((back ?? 0) - minute) % 3_600_000).toBe(0);
      }),
    );
    expect(toLocalInput(new Date(2026, 11, 1, 9, 5).getTime())).toBe('2026-12-01T09:05');
  });

  it('refuses empty and malformed values', () => {
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('tomorrow')).toBeUndefined();
    expect(fromLocalInput('2026-02-30T10:00')).toBeUndefined();
  });
});
