import { describe, expect, it } from 'vitest';
import { checkActivation, checkGroupId, checkItem, checkKey, checkRequest } from './request-checks.ts';

const GROUP = '1f4a7c2e-3b5d-4e6f-8a9b-0c1d2e3f4a01';
const REQUEST = '6aacaee8-0000-4000-8000-000000000001';
const refused = { code: 'invalid-request', message: expect.stringMatching(/does not recognise/) };

describe('ids checked where they enter the background', () => {
  it('passes well-formed requests through unchanged', () => {
    const activation = { groupId: GROUP, accessId: 'owner' as const, durationMinutes: 60, justification: 'x' };
    expect(checkItem(activation)).toBe(activation);
    const cancel = { groupId: GROUP.toUpperCase(), accessId: 'member' as const, requestId: REQUEST };
    expect(checkRequest(cancel)).toBe(cancel);
    expect(checkKey({ key: `${GROUP}:member` })).toEqual({ key: `${GROUP}:member` });
    expect(checkGroupId(GROUP)).toBe(GROUP);
  });

  it('refuses a group id that is not a GUID, before it can reach a Graph $filter', () => {
    for (const groupId of [
      "x' or scopeType eq 'Directory",
      `${GROUP}' or true`,
      `${GROUP} `,
      '',
      'g-1',
      42,
      undefined,
      { toString: () => GROUP },
    ]) {
      expect(() => checkItem({ groupId, accessId: 'member' } as never)).toThrow(expect.objectContaining(refused));
    }
  });

  it('refuses other accesses, request ids and keys', () => {
    expect(() => checkItem({ groupId: GROUP, accessId: 'admin' } as never)).toThrow(expect.objectContaining(refused));
    expect(() => checkItem(null as never)).toThrow(expect.objectContaining(refused));
    for (const requestId of ['../../me', `${REQUEST}/cancel`, '', 7]) {
      expect(() => checkRequest({ groupId: GROUP, accessId: 'member', requestId } as never)).toThrow(
        expect.objectContaining(refused),
      );
    }
    for (const key of [`${GROUP}`, `${GROUP}:admin`, `g:member`, `${GROUP}:member:x`, '']) {
      expect(() => checkKey({ key })).toThrow(expect.objectContaining(refused));
    }
  });
});

describe('an activation checked where it enters the background', () => {
  const activation = { groupId: GROUP, accessId: 'member' as const, durationMinutes: 60, justification: '' };

  it('passes what the popup sends through unchanged: no reason is an empty one', () => {
    expect(checkActivation(activation)).toBe(activation);
    const full = { ...activation, justification: 'x', ticketNumber: 'INC1', ticketSystem: 'SNOW', startMs: 1.8e12 };
    expect(checkActivation(full)).toBe(full);
  });

  it('refuses a reason, ticket, duration or start of the wrong kind with the same sentence as a bad id', () => {
    const bad: object[] = [
      { justification: undefined },
      { justification: 7 },
      { justification: 'x'.repeat(2001) },
      { ticketNumber: 12 },
      { ticketSystem: null },
      { durationMinutes: '60' },
      { durationMinutes: 0 },
      { durationMinutes: 1.5 },
      { durationMinutes: Number.NaN },
      { startMs: Number.POSITIVE_INFINITY },
      { startMs: '2026-12-07' },
      { groupId: 'g-1' },
    ];
    for (const change of bad) {
      expect(() => checkActivation({ ...activation, ...change } as never), JSON.stringify(change)).toThrow(
        expect.objectContaining(refused),
      );
    }
  });
});
