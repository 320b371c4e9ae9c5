// Least-privilege delegated Graph permissions (docs/graph-pim-groups.md §4). Reading needs only the
// Read scopes (the approver's list included); the ReadWrite scope is asked for when the user first
// activates, deactivates, cancels, or approves or denies a request (incremental consent).
// `$expand=group` gives group names without a directory scope.
export const SCOPES = {
  /** Signing in and reading eligibilities, active assignments, requests and policies. */
  read: [
    'User.Read',
    'PrivilegedEligibilitySchedule.Read.AzureADGroup',
    'PrivilegedAssignmentSchedule.Read.AzureADGroup',
    'RoleManagementPolicy.Read.AzureADGroup',
  ],
  /** Activating, deactivating and cancelling requests; approving or denying one (approval stage PATCH). */
  write: ['PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup'],
} as const;

export const ALL_SCOPES: string[] = [...SCOPES.read, ...SCOPES.write];
