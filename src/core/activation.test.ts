import { describe, expect, it } from 'vitest';
import { activationProblems, cappedDuration, firstProblem, principalIdOf } from './activation.ts';

const requirements = { maximumMinutes: 240, justification: true, ticket: true, mfa: false, approval: false };
const request = {
  groupId: 'g',
  accessId: 'member' as const,
  durationMinutes: 60,
  justification: 'INC-42 database failover',
  ticketNumber: 'INC-42',
  ticketSystem: 'ServiceNow',
};

describe('activation checks', () => {
  it('accepts a request that meets the policy', () => {
    expect(activationProblems(request, requirements, 0)).toEqual({});
  });

  it('names every problem', () => {
    expect(
      activationProblems(
        { ...request, justification: '  ', ticketSystem: '', durationMinutes: 300, startMs: -120_000 },
        requirements,
        0,
      ),
    ).toEqual({
      justification: 'justificationMissing',
      ticketSystem: 'ticketSystemMissing',
      durationMinutes: 'durationTooLong',
      start: 'startInPast',
    });
    expect(activationProblems({ ...request, durationMinutes: 2 }, requirements, 0)).toEqual({
      durationMinutes: 'durationTooShort',
    });
    expect(
      activationProblems({ ...request, durationMinutes: Number.NaN, startMs: Number.NaN }, requirements, 0),
    ).toEqual({ durationMinutes: 'durationTooShort', start: 'startInvalid' });
  });

  it('reports first the problem of the field shown first', () => {
    expect(firstProblem({ start: 'startInPast', ticketSystem: 'ticketSystemMissing' })).toBe('ticketSystemMissing');
    expect(firstProblem({})).toBeUndefined();
  });

  it('asks nothing the policy does not require', () => {
    const open = { ...requirements, justification: false, ticket: false };
    expect(activationProblems({ durationMinutes: 240, justification: '' }, open, 0)).toEqual({});
  });

  it('sends the object id in the tenant being called, also for a B2B guest', () => {
    const home = '4e8c1a3b-5d72-4f19-8a6e-0b3c9d2e7f41.7f3c2a10-4b6e-4d8a-9c1f-2e5d8b9a0c11';
    // A guest: home ids elsewhere, this tenant's object id from the id token.
    expect(principalIdOf({ id: home, objectId: 'd6b4f2a8-3e19-4c75-a0d8-7f9e1b2c3d84' })).toBe(
      'd6b4f2a8-3e19-4c75-a0d8-7f9e1b2c3d84',
    );
    // An account stored before the object id was kept: the home oid (the same for a member).
    expect(principalIdOf({ id: home })).toBe('4e8c1a3b-5d72-4f19-8a6e-0b3c9d2e7f41');
  });
});

describe('the eligibility end as a limit', () => {
  const T = Date.UTC(2026, 11, 5, 12, 0, 0);
  it('asks for at most the whole minutes left of the eligibility', () => {
    expect(cappedDuration(480, T, T + 10 * 60_000)).toBe(10);
    expect(cappedDuration(480, T + 30_000, T + 10 * 60_000)).toBe(9);
    expect(cappedDuration(60, T, T + 10 * 60 * 60_000)).toBe(60);
    expect(cappedDuration(60, T, null)).toBe(60);
    expect(cappedDuration(60, T + 60_000, T)).toBe(0);
  });
});
