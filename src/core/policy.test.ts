import { describe, expect, it } from 'vitest';
import { requirementsFromRules } from './policy.ts';

const rules = [
  { id: 'Expiration_EndUser_Assignment', isExpirationRequired: true, maximumDuration: 'PT4H' },
  { id: 'Enablement_EndUser_Assignment', enabledRules: ['Justification', 'Ticketing', 'MultiFactorAuthentication'] },
  { id: 'Approval_EndUser_Assignment', setting: { isApprovalRequired: true } },
  { id: 'AuthenticationContext_EndUser_Assignment', isEnabled: false, claimValue: 'c1' },
  // Admin-side rules with similar names must not be read as the end user's.
  { id: 'Expiration_Admin_Assignment', maximumDuration: 'PT15M' },
  { id: 'Enablement_Admin_Assignment', enabledRules: [] },
];

describe('policy → activation requirements', () => {
  it('reads the end-user rules', () => {
    expect(requirementsFromRules(rules)).toEqual({
      maximumMinutes: 240,
      justification: true,
      ticket: true,
      mfa: true,
      approval: true,
    });
  });

  it('treats an enabled authentication context as the MFA requirement', () => {
    const withContext = rules.map((r) =>
      r.id === 'AuthenticationContext_EndUser_Assignment' ? { ...r, isEnabled: true, claimValue: 'c2' } : r,
    );
    expect(requirementsFromRules(withContext)).toMatchObject({ mfa: false, authContext: 'c2' });
  });

  it('falls back to Entra defaults when rules are missing or odd', () => {
    expect(requirementsFromRules([])).toEqual({
      maximumMinutes: 480,
      justification: false,
      ticket: false,
      mfa: false,
      approval: false,
    });
    expect(
      requirementsFromRules([{ id: 'expiration_enduser_assignment', maximumDuration: 'P1M' }]).maximumMinutes,
    ).toBe(480);
    expect(
      requirementsFromRules([{ id: 'Enablement_EndUser_Assignment', enabledRules: ['justification'] }]).justification,
    ).toBe(true);
  });
});
