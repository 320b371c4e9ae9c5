/**
 * PIM policies for groups: the effective rules the state machine enforces, and the
 * `roleManagementPolicyAssignments` representation (reference §2). A group without a scenario
 * policy gets Entra's default (PT8H, justification required), because the list API also answers
 * for groups that are not onboarded (reference §2, "IDs").
 */
import type { Scenario } from '../contract.ts';
import type { AccessId } from './state.ts';
import { guidFrom } from './state.ts';

export interface EffectivePolicy {
  groupId: string;
  accessId: AccessId;
  onboarded: boolean;
  maximumDuration: string;
  enabledRules: string[];
  approvalRequired: boolean;
  /** `singleUser` primary approvers. */
  approvers: string[];
  /** `groupMembers` primary approvers: the members of these groups. */
  approverGroups: string[];
  approverJustificationRequired: boolean;
  authenticationContext: string | null;
}

export const DEFAULT_MAXIMUM_DURATION = 'PT8H';
const DEFAULT_ENABLED_RULES = ['Justification'];

export function effectivePolicy(scenario: Scenario, groupId: string, accessId: AccessId): EffectivePolicy {
  const p = scenario.policies.find((x) => x.groupId === groupId && x.accessId === accessId);
  return {
    groupId,
    accessId,
    onboarded: p !== undefined,
    maximumDuration: p?.maximumDuration ?? DEFAULT_MAXIMUM_DURATION,
    enabledRules: p ? (p.enabledRules ?? []) : DEFAULT_ENABLED_RULES,
    approvalRequired: p?.approvalRequired ?? false,
    approvers: p?.approvers ?? [],
    approverGroups: p?.approverGroups ?? [],
    approverJustificationRequired: p?.approverJustificationRequired ?? true,
    authenticationContext: p?.authenticationContext ?? null,
  };
}

/** `Group_{groupId}_{policyGuid}`: one policy per group and accessId; the guid is stable per (group, accessId). */
export function policyId(groupId: string, accessId: AccessId, onboarded: boolean): string {
  return `Group_${groupId}_${guidFrom(`policy:${groupId}:${accessId}:${onboarded ? 'onboarded' : 'default'}`)}`;
}

const target = (caller: 'EndUser' | 'Admin', level: 'Assignment' | 'Eligibility') => ({
  caller,
  operations: ['All'],
  level,
  inheritableSettings: [],
  enforcedSettings: [],
});

const NS = '#microsoft.graph.unifiedRoleManagementPolicy';

/** The three e-mail notification rules Graph lists for each caller and level, defaults as documented. */
const notifications = (caller: 'EndUser' | 'Admin', level: 'Assignment' | 'Eligibility') =>
  (['Admin', 'Requestor', 'Approver'] as const).map((recipientType) => ({
    '@odata.type': `${NS}NotificationRule`,
    id: `Notification_${recipientType}_${caller}_${level}`,
    notificationType: 'Email',
    recipientType,
    notificationLevel: 'All',
    isDefaultRecipientsEnabled: true,
    notificationRecipients: [],
    target: target(caller, level),
  }));

/**
 * The 17 rules of a group policy, in the order and with the defaults of Microsoft's example
 * (GD `v1.0/api/policyroot-list-rolemanagementpolicyassignments.md`, Example 4, a group's owner
 * policy). Only the EndUser activation rules follow the scenario; the admin rules keep the
 * documented defaults (admins are not emulated).
 */
export function rules(p: EffectivePolicy, displayName: (id: string) => string | undefined): Record<string, unknown>[] {
  return [
    {
      '@odata.type': `${NS}ExpirationRule`,
      id: 'Expiration_Admin_Eligibility',
      isExpirationRequired: true,
      maximumDuration: 'P365D',
      target: target('Admin', 'Eligibility'),
    },
    {
      '@odata.type': `${NS}EnablementRule`,
      id: 'Enablement_Admin_Eligibility',
      enabledRules: [],
      target: target('Admin', 'Eligibility'),
    },
    ...notifications('Admin', 'Eligibility'),
    {
      '@odata.type': `${NS}ExpirationRule`,
      id: 'Expiration_Admin_Assignment',
      isExpirationRequired: true,
      maximumDuration: 'P180D',
      target: target('Admin', 'Assignment'),
    },
    {
      '@odata.type': `${NS}EnablementRule`,
      id: 'Enablement_Admin_Assignment',
      enabledRules: ['Justification'],
      target: target('Admin', 'Assignment'),
    },
    ...notifications('Admin', 'Assignment'),
    {
      '@odata.type': `${NS}ExpirationRule`,
      id: 'Expiration_EndUser_Assignment',
      isExpirationRequired: true,
      maximumDuration: p.maximumDuration,
      target: target('EndUser', 'Assignment'),
    },
    {
      '@odata.type': `${NS}EnablementRule`,
      id: 'Enablement_EndUser_Assignment',
      enabledRules: p.enabledRules,
      target: target('EndUser', 'Assignment'),
    },
    {
      '@odata.type': `${NS}ApprovalRule`,
      id: 'Approval_EndUser_Assignment',
      target: target('EndUser', 'Assignment'),
      setting: {
        isApprovalRequired: p.approvalRequired,
        isApprovalRequiredForExtension: false,
        isRequestorJustificationRequired: true,
        approvalMode: 'SingleStage',
        approvalStages: [
          {
            approvalStageTimeOutInDays: 1,
            isApproverJustificationRequired: p.approverJustificationRequired,
            escalationTimeInMinutes: 0,
            isEscalationEnabled: false,
            primaryApprovers: [
              ...p.approvers.map((userId) => ({
                '@odata.type': '#microsoft.graph.singleUser',
                isBackup: false,
                id: userId,
                userId,
                description: displayName(userId) ?? null,
              })),
              ...p.approverGroups.map((groupId) => ({
                '@odata.type': '#microsoft.graph.groupMembers',
                isBackup: false,
                id: groupId,
                groupId,
                description: null,
              })),
            ],
            escalationApprovers: [],
          },
        ],
      },
    },
    {
      '@odata.type': `${NS}AuthenticationContextRule`,
      id: 'AuthenticationContext_EndUser_Assignment',
      isEnabled: p.authenticationContext !== null,
      claimValue: p.authenticationContext,
      target: target('EndUser', 'Assignment'),
    },
    ...notifications('EndUser', 'Assignment'),
  ];
}

/** The `unifiedRoleManagementPolicy` itself, with its rules when asked for. */
export function renderPolicy(scenario: Scenario, groupId: string, accessId: AccessId, withRules: boolean) {
  const p = effectivePolicy(scenario, groupId, accessId);
  const policy: Record<string, unknown> = {
    id: policyId(groupId, accessId, p.onboarded),
    displayName: 'Group',
    description: 'Group',
    isOrganizationDefault: false,
    scopeId: groupId,
    scopeType: 'Group',
    lastModifiedDateTime: null,
    lastModifiedBy: { displayName: null, id: null },
  };
  if (withRules) policy.rules = rules(p, (id) => scenario.users.find((u) => u.id === id)?.displayName);
  return policy;
}

/** The (group, accessId) whose policy has this id, if any: ids are derived, so every pair is tried. */
export function policyById(scenario: Scenario, id: string): { groupId: string; accessId: AccessId } | undefined {
  for (const g of scenario.groups.filter((x) => !x.deleted)) {
    for (const accessId of ['member', 'owner'] as const) {
      const onboarded = effectivePolicy(scenario, g.id, accessId).onboarded;
      if (policyId(g.id, accessId, onboarded).toLowerCase() === id.toLowerCase()) return { groupId: g.id, accessId };
    }
  }
  return undefined;
}

/** One `unifiedRoleManagementPolicyAssignment`, with `policy` (and its `rules`) only when expanded. */
export function renderPolicyAssignment(
  scenario: Scenario,
  groupId: string,
  accessId: AccessId,
  expand: { policy: boolean; rules: boolean },
): Record<string, unknown> {
  const p = effectivePolicy(scenario, groupId, accessId);
  const pid = policyId(groupId, accessId, p.onboarded);
  const out: Record<string, unknown> = {
    id: `${pid}_${accessId}`,
    policyId: pid,
    scopeId: groupId,
    scopeType: 'Group',
    roleDefinitionId: accessId,
  };
  if (expand.policy) out.policy = renderPolicy(scenario, groupId, accessId, expand.rules);
  return out;
}
