import { durationToMinutes } from './iso-duration.ts';

/** A role-management policy rule as Graph returns it (only the fields activation depends on); null = absent. */
export interface PolicyRule {
  id: string;
  isExpirationRequired?: boolean | null;
  maximumDuration?: string | null;
  enabledRules?: string[] | null;
  setting?: { isApprovalRequired?: boolean | null } | null;
  isEnabled?: boolean | null;
  claimValue?: string | null;
}

/** What an activation of one group (member or owner) needs, read from its PIM policy. */
export interface ActivationRequirements {
  /** Longest activation the policy allows, in minutes. */
  maximumMinutes: number;
  justification: boolean;
  ticket: boolean;
  mfa: boolean;
  /** Authentication context claim value (e.g. "c1") the token must carry, if any. */
  authContext?: string;
  approval: boolean;
}

/** Entra's default group policy: 8 hours, justification and MFA off, no approval. */
export const DEFAULT_MAXIMUM_MINUTES = 480;

const rule = (rules: PolicyRule[], id: string) => rules.find((r) => r.id.toLowerCase() === id.toLowerCase());

/** Reads the four end-user activation rules (docs/graph-pim-groups.md §2). Absent rules mean "not required". */
export function requirementsFromRules(rules: PolicyRule[]): ActivationRequirements {
  const expiration = rule(rules, 'Expiration_EndUser_Assignment');
  const enablement = (rule(rules, 'Enablement_EndUser_Assignment')?.enabledRules ?? []).map((r) => r.toLowerCase());
  const approval = rule(rules, 'Approval_EndUser_Assignment');
  const context = rule(rules, 'AuthenticationContext_EndUser_Assignment');
  const maximum = expiration?.maximumDuration ? durationToMinutes(expiration.maximumDuration) : undefined;
  const authContext = context?.isEnabled && context.claimValue ? context.claimValue : undefined;
  return {
    maximumMinutes: maximum && maximum > 0 ? maximum : DEFAULT_MAXIMUM_MINUTES,
    justification: enablement.includes('justification'),
    ticket: enablement.includes('ticketing'),
    // An authentication context stands in for MFA: PIM checks the context instead (§2 "Auth-context fallback").
    mfa: enablement.includes('multifactorauthentication') && !authContext,
    ...(authContext ? { authContext } : {}),
    approval: approval?.setting?.isApprovalRequired === true,
  };
}
