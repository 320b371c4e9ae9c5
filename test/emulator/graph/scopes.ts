/**
 * Delegated scopes per endpoint (reference §4): the least-privileged scope first, then the
 * higher-privileged alternatives Graph also accepts. A token with none of them gets Graph's
 * `PermissionScopeNotGranted` 403, naming the least-privileged scope (docs/graph-pim-groups.md §3).
 */
import type { AccessTokenClaims } from '../contract.ts';
import { GraphError } from './errors.ts';

export const Scopes = {
  eligibilityRead: [
    'PrivilegedEligibilitySchedule.Read.AzureADGroup',
    'PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup',
  ],
  assignmentRead: [
    'PrivilegedAssignmentSchedule.Read.AzureADGroup',
    'PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup',
  ],
  assignmentWrite: [
    'PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup',
    'PrivilegedAssignmentSchedule.Remove.AzureADGroup',
  ],
  approvalWrite: ['PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup'],
  policyRead: ['RoleManagementPolicy.Read.AzureADGroup', 'RoleManagementPolicy.ReadWrite.AzureADGroup'],
  groupRead: ['GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All'],
  /** Reading one's own profile. */
  meRead: ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'],
  /** Reading another user's profile: User.Read is not enough in Graph. */
  userRead: ['User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'],
} as const satisfies Record<string, readonly string[]>;

export function grantedScopes(token: AccessTokenClaims): Set<string> {
  return new Set(
    (token.scp ?? '')
      .split(' ')
      .filter((s) => s !== '')
      .map((s) => s.toLowerCase()),
  );
}

/** Throws the 403 unless the token carries one of `accepted` (case-insensitive, as Entra's are). */
export function requireScope(token: AccessTokenClaims, accepted: readonly string[]): void {
  const granted = grantedScopes(token);
  if (accepted.some((s) => granted.has(s.toLowerCase()))) return;
  throw new GraphError(
    403,
    'PermissionScopeNotGranted',
    `Authorization failed due to missing permission scope ${accepted[0] ?? ''}.`,
  );
}
