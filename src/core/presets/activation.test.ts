import { describe, expect, it } from 'vitest';
import { presetActivation } from './activation.ts';
import { GROUP_A, GROUP_B, preset } from './test-fixtures.ts';

// Noon UTC: the same calendar day in every time zone the tests may run in (±12 h).
const now = Date.UTC(2026, 10, 30, 12, 0);

const ENTRY = { groupId: GROUP_A, accessId: 'member' as const };

describe('presetActivation', () => {
  it("uses the preset's duration, expanded justification and ticket fields", () => {
    const p = preset({ ticketNumber: 'INC0012345', durationMinutes: 90 });
    expect(presetActivation(p, { groupId: GROUP_A, accessId: 'member' }, { now, locale: 'en-US' })).toEqual({
      groupId: GROUP_A,
      accessId: 'member',
      durationMinutes: 90,
      justification: 'Ticket INC0012345: helpdesk duty on 2026-11-30',
      ticketNumber: 'INC0012345',
      ticketSystem: 'ServiceNow',
    });
  });

  it('lets the ticket number typed when applying win, and accepts a Date for now', () => {
    const p = preset({ ticketNumber: 'INC1' });
    const request = presetActivation(
      p,
      { groupId: GROUP_B, accessId: 'owner' },
      { now: new Date(now), ticketNumber: ' CHG0042 ' },
    );
    expect(request).toMatchObject({
      groupId: GROUP_B,
      accessId: 'owner',
      ticketNumber: 'CHG0042',
      justification: 'Ticket CHG0042: helpdesk duty on 2026-11-30',
    });
  });

  it('leaves out an empty ticket number and removes {ticket} cleanly', () => {
    const p = preset({ ticketNumber: 'INC1' });
    const request = presetActivation(p, ENTRY, { now, ticketNumber: '' });
    expect(request.ticketNumber).toBeUndefined();
    expect(request.justification).toBe('Ticket: helpdesk duty on 2026-11-30');
    const none = presetActivation(preset({ ticketSystem: '  ' }), ENTRY, { now });
    expect(none).not.toHaveProperty('ticketNumber');
    expect(none).not.toHaveProperty('ticketSystem');
  });

  it("caps the duration at the group's policy maximum, never raises it", () => {
    const p = preset({ durationMinutes: 480 });
    const entry = ENTRY;
    expect(presetActivation(p, entry, { now, maximumMinutes: 120 }).durationMinutes).toBe(120);
    expect(presetActivation(p, entry, { now, maximumMinutes: 1440 }).durationMinutes).toBe(480);
    expect(presetActivation(p, entry, { now, maximumMinutes: undefined }).durationMinutes).toBe(480);
    expect(presetActivation(p, entry, { now, maximumMinutes: Number.NaN }).durationMinutes).toBe(480);
    expect(presetActivation(p, entry, { now, maximumMinutes: 0 }).durationMinutes).toBe(480);
  });

  it('keeps an empty template empty (the policy check then explains a required justification)', () => {
    expect(
      presetActivation(preset({ justification: '' }), { groupId: GROUP_A, accessId: 'member' }, { now }),
    ).toMatchObject({ justification: '' });
  });
});
