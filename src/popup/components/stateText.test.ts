import { describe, expect, it } from 'vitest';
import { item } from '../../test-support/group-items.ts';
import { stateText } from './stateText.ts';

const zone = { locale: 'en-US', timeZone: 'UTC' };
const NOW = Date.UTC(2026, 11, 5, 8, 0);
const H = 3_600_000;
const eligibleText = (untilMs: number | null) =>
  stateText(item('G', { eligibleUntilMs: untilMs }), undefined, undefined, NOW, zone);

describe("an eligibility's end on its row", () => {
  it('is the time left within a few hours, the time later today, the date within the week, else nothing', () => {
    expect(eligibleText(NOW + 10 * 60_000)).toBe('Eligible until 8:10 AM · 10 min left');
    expect(eligibleText(NOW + 3 * H + 30 * 60_000)).toBe('Eligible until 11:30 AM · 3 hr, 30 min left');
    expect(eligibleText(NOW + 10 * H)).toBe('Eligible until 6:00 PM');
    expect(eligibleText(NOW + 2 * 24 * H)).toBe('Eligible until Dec 7');
    expect(eligibleText(NOW + 8 * 24 * H)).toBe('Eligible');
    expect(eligibleText(null)).toBe('Eligible');
  });
});
