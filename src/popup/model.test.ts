import { describe, expect, it } from 'vitest';
import type { GroupItem } from '../core/pim-state.ts';
import type { ActivationRequirements } from '../core/policy.ts';
import { canActivate, canDeactivate, effectiveOp, requestIdOf } from './model.ts';
import { justificationChoices, remembered } from './remembered.ts';
import { toRequest, validate } from './validate.ts';

const memory = {
  perItem: { 'g:member': { justification: 'Mine', durationMinutes: 90, ticketSystem: 'Jira' } },
  recentJustifications: ['Latest', 'Mine', '  ', 'Older', 'Oldest', 'Even older'],
};
const base: GroupItem = {
  key: 'g:member',
  groupId: 'g',
  groupName: 'G',
  accessId: 'member',
  eligible: true,
  eligibleUntilMs: null,
};
const needs: ActivationRequirements = {
  maximumMinutes: 240,
  justification: true,
  ticket: true,
  mfa: false,
  approval: false,
};

describe('remembered values', () => {
  it('take the draft first, then the item memory, then the most recent justification', () => {
    expect(remembered({ justification: 'Draft', ticketNumber: 'T1' }, memory, 'g:member')).toEqual({
      justification: 'Draft',
      ticketNumber: 'T1',
      ticketSystem: 'Jira',
      durationMinutes: 90,
    });
    expect(remembered({ justification: '   ' }, memory, 'g:member').justification).toBe('Mine');
    expect(remembered(undefined, memory, 'other:owner')).toEqual({
      justification: 'Latest',
      ticketNumber: undefined,
      ticketSystem: undefined,
      durationMinutes: undefined,
    });
    expect(remembered(undefined, { perItem: {}, recentJustifications: [] }, 'x').justification).toBeUndefined();
  });

  it('offer this item’s reason first, then recent ones, without blanks or repeats', () => {
    expect(justificationChoices(memory, 'g:member')).toEqual(['Mine', 'Latest', 'Older', 'Oldest']);
    expect(justificationChoices(memory, 'other', 2)).toEqual(['Latest', 'Mine']);
  });
});

describe('item state', () => {
  it('knows which actions apply', () => {
    expect(canActivate(base)).toBe(true);
    expect(canActivate({ ...base, eligible: false })).toBe(false);
    const activated = { ...base, active: { assignmentType: 'activated' as const, startMs: 0, endMs: 1 } };
    expect(canActivate(activated)).toBe(false);
    expect(canDeactivate(activated)).toBe(true);
    expect(canDeactivate({ ...base, active: { assignmentType: 'assigned', startMs: 0, endMs: null } })).toBe(false);
    expect(requestIdOf({ ...base, pending: { requestId: 'p', createdMs: 0, startMs: null } })).toBe('p');
    expect(requestIdOf({ ...base, scheduled: { requestId: 's', startMs: 0, endMs: null } })).toBe('s');
    expect(requestIdOf(base)).toBeUndefined();
  });

  it('shows the popup’s running request first, then the stored operation unless dismissed, then a local failure', () => {
    const stored = { key: 'k', kind: 'deactivate' as const, phase: 'failed' as const, startedAtMs: 5, message: 'No' };
    const running = { kind: 'activate' as const, phase: 'running' as const };
    const failed = { kind: 'activate' as const, phase: 'failed' as const, message: 'Local' };
    expect(effectiveOp(stored, running)).toBe(running);
    expect(effectiveOp(stored, failed)).toEqual({ kind: 'deactivate', phase: 'failed', message: 'No', startedAtMs: 5 });
    expect(effectiveOp(stored, failed, 5)).toBe(failed);
    expect(effectiveOp({ ...stored, phase: 'succeeded' }, undefined)).toBeUndefined();
  });
});

describe('form validation', () => {
  const values = { justification: 'Why', durationMinutes: 60, start: '', ticketNumber: 'T', ticketSystem: 'S' };
  const now = new Date(2026, 10, 30, 10, 0).getTime();

  it('accepts complete values and builds the request', () => {
    expect(validate(values, needs, now)).toEqual({});
    expect(toRequest(base, { ...values, start: '2026-11-30T12:00' }, needs, 1000)).toEqual({
      groupId: 'g',
      accessId: 'member',
      durationMinutes: 60,
      justification: 'Why',
      ticketNumber: 'T',
      ticketSystem: 'S',
      startMs: new Date(2026, 10, 30, 12, 0).getTime() + 1000,
    });
  });

  it('names each problem', () => {
    expect(
      validate(
        { justification: ' ', durationMinutes: 3, start: 'soon', ticketNumber: '', ticketSystem: '' },
        needs,
        now,
      ),
    ).toEqual({
      justification: 'justificationMissing',
      ticketNumber: 'ticketNumberMissing',
      ticketSystem: 'ticketSystemMissing',
      durationMinutes: 'durationTooShort',
      start: 'startInvalid',
    });
    expect(validate({ ...values, durationMinutes: 241, start: '2026-11-30T09:58' }, needs, now)).toEqual({
      durationMinutes: 'durationTooLong',
      start: 'startInPast',
    });
    // Up to a minute in the past is "now".
    expect(validate({ ...values, start: '2026-11-30T09:59' }, needs, now)).toEqual({});
    expect(
      validate(
        { ...values, justification: '', ticketNumber: '' },
        { ...needs, justification: false, ticket: false },
        now,
      ),
    ).toEqual({});
  });
});
