// Least-privilege delegated Graph permissions (docs/graph-pim-groups.md §4). Reading needs only the
// Read scopes; the ReadWrite scope is asked for when the user first activates, deactivates or
// cancels (incremental consent). `$expand=group` gives group names without a directory scope.
export const SCOPES = {
  /** Signing in and reading eligibilities, active assignments, requests and policies. */
  read: [
    'User.Read',
    'PrivilegedEligibilitySchedule.Read.AzureADGroup',
    'PrivilegedAssignmentSchedule.Read.AzureADGroup',
    'RoleManagementPolicy.Read.AzureADGroup',
  ],
  /** Activating, deactivating and cancelling requests. */
  write: ['PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup'],
} as const;

export const ALL_SCOPES: string[] = [...SCOPES.read, ...SCOPES.write];
