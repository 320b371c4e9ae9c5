import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip } from './clip.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('clip', () => {
  it('keeps what fits and marks what was cut', () => {
    expect(clip('abc', 3)).toBe('abc');
    expect(clip('abcd', 3)).toBe('ab…');
  });

  it('counts UTF-16 units as stored values are checked, and never splits a character', () => {
    const emoji = '😀'.repeat(2_000); // 4,000 units
    const cut = clip(emoji, 2_000);
    expect(cut.length).toBeLessThanOrEqual(2_000);
    expect(cut).toBe(`${'😀'.repeat(999)}…`);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 2, max: 200 }), (text, max) => {
        const result = clip(text, max);
        expect(result.length).toBeLessThanOrEqual(Math.max(max, text.length <= max ? text.length : 0));
        // No lone surrogate was made by the cut.
        expect(LONE_SURROGATE.test(result)).toBe(false);
      }),
    );
  });
});
