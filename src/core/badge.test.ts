import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BADGE_COLOURS, badgeView, nextChangeAt, PENDING_MARKER, remainingText, urgencyColour } from './badge.ts';
import type { GroupItem } from './pim-state.ts';

const M = 60_000;
const H = 60 * M;

const item = (key: string, active?: GroupItem['active'], extra: Partial<GroupItem> = {}): GroupItem => ({
  key,
  groupId: key,
  groupName: key,
  accessId: 'member',
  eligible: true,
  eligibleUntilMs: null,
  ...(active ? { active } : {}),
  ...extra,
});

describe('badge text', () => {
  it.each([
    [23 * H + 59 * M, '23h'],
    [7 * H + 59 * M, '7h'],
    [2 * H + 1, '2h'],
    [2 * H, '2h'],
    [2 * H - 1, '2h'],
    [1 * H + 45 * M, '1h45'],
    [1 * H + 44 * M + 1, '1h45'],
    [1 * H + 5 * M, '1h05'],
    [60 * M, '1h'],
    [59 * M, '59m'],
    [3 * M, '3m'],
    [1, '1m'],
  ])('%d ms → %s', (ms, text) => {
    expect(remainingText(ms)).toBe(text);
  });

  it('never exceeds four characters for any duration up to 99 hours', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 99 * H }), (ms) => remainingText(ms).length <= 4));
  });

  it('changes exactly at the computed moment, never earlier', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 * H }), (remaining) => {
        const at = nextChangeAt(remaining);
        expect(at).toBeLessThan(remaining);
        // Until that moment the text stays; just after it, it differs.
        expect(remainingText(at + 1)).toBe(remainingText(remaining));
        if (at > 0) expect(remainingText(at)).not.toBe(remainingText(remaining));
      }),
    );
  });

  it('wakes once an hour above two hours, not every minute', () => {
    expect(nextChangeAt(7 * H + 30 * M)).toBe(7 * H - 1);
    expect(nextChangeAt(7 * H)).toBe(7 * H - 1);
    expect(nextChangeAt(2 * H + 30 * M)).toBe(2 * H - M);
  });
});

describe('badge colour', () => {
  it.each([
    [16 * M, BADGE_COLOURS.calm],
    [15 * M, BADGE_COLOURS.calm],
    [15 * M - 1, BADGE_COLOURS.amber],
    [5 * M, BADGE_COLOURS.amber],
    [5 * M - 1, BADGE_COLOURS.red],
  ])('%d ms → %s', (ms, colour) => {
    expect(urgencyColour(ms)).toBe(colour);
  });
});

describe('badge view', () => {
  const now = 1_000 * H;
  it('shows the activation that ends soonest, ignoring permanent and ended ones', () => {
    const items = [
      item('permanent', { assignmentType: 'assigned', startMs: 0, endMs: null }),
      item('late', { assignmentType: 'activated', startMs: now - H, endMs: now + 5 * H }),
      item('soon', { assignmentType: 'activated', startMs: now - H, endMs: now + 40 * M }),
      item('ended', { assignmentType: 'activated', startMs: now - 2 * H, endMs: now - M }),
    ];
    expect(badgeView(items, now)).toEqual({ text: '40m', colour: BADGE_COLOURS.calm, nextChangeMs: now + M });
  });

  it('wakes for the colour change when it comes before the text change', () => {
    const items = [item('x', { assignmentType: 'activated', startMs: 0, endMs: now + 15 * M + 30_000 })];
    expect(badgeView(items, now).nextChangeMs).toBe(now + 30_000);
  });

  it('wakes at the next whole hour when hours remain', () => {
    const items = [item('x', { assignmentType: 'activated', startMs: 0, endMs: now + 7 * H + 20 * M })];
    expect(badgeView(items, now)).toMatchObject({ text: '7h', nextChangeMs: now + 20 * M + 1 });
  });

  it('marks pending approvals when nothing is active, and is empty otherwise', () => {
    const pending = item('p', undefined, { pending: { requestId: 'r', createdMs: now, startMs: null } });
    expect(badgeView([pending], now)).toEqual({
      text: PENDING_MARKER,
      colour: BADGE_COLOURS.pending,
      nextChangeMs: null,
    });
    expect(badgeView([item('e')], now)).toEqual({ text: '', colour: BADGE_COLOURS.pending, nextChangeMs: null });
  });
});

describe('badge priority with requests waiting on the user as approver', () => {
  const now = 1_000 * H;
  const active = item('a', { assignmentType: 'activated', startMs: now - H, endMs: now + 40 * M });
  const pending = item('p', undefined, { pending: { requestId: 'r', createdMs: now, startMs: null } });

  it('the countdown of the user’s own activation keeps priority', () => {
    expect(badgeView([active, pending], now, 3)).toEqual({
      text: '40m',
      colour: BADGE_COLOURS.calm,
      nextChangeMs: now + M,
    });
  });

  it('with nothing active, the count of waiting requests, in its own colour, before the pending marker', () => {
    expect(badgeView([pending], now, 2)).toEqual({ text: '2', colour: BADGE_COLOURS.approvals, nextChangeMs: null });
    expect(badgeView([item('e')], now, 1)).toEqual({ text: '1', colour: BADGE_COLOURS.approvals, nextChangeMs: null });
    expect(badgeView([pending], now, 0).text).toBe(PENDING_MARKER);
  });

  it('fits four characters, and its colour is no urgency colour', () => {
    expect(badgeView([], now, 999).text).toBe('999');
    expect(badgeView([], now, 1000).text).toBe('999+');
    const others: string[] = [BADGE_COLOURS.calm, BADGE_COLOURS.amber, BADGE_COLOURS.red, BADGE_COLOURS.pending];
    expect(others).not.toContain(BADGE_COLOURS.approvals);
  });
});
