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
  approvers: string[];
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

function rules(p: EffectivePolicy, displayName: (id: string) => string | undefined): Record<string, unknown>[] {
  const ns = '#microsoft.graph.unifiedRoleManagementPolicy';
  return [
    {
      '@odata.type': `${ns}ExpirationRule`,
      id: 'Expiration_Admin_Eligibility',
      isExpirationRequired: false,
      maximumDuration: 'P365D',
      target: target('Admin', 'Eligibility'),
    },
    {
      '@odata.type': `${ns}ExpirationRule`,
      id: 'Expiration_EndUser_Assignment',
      isExpirationRequired: true,
      maximumDuration: p.maximumDuration,
      target: target('EndUser', 'Assignment'),
    },
    {
      '@odata.type': `${ns}EnablementRule`,
      id: 'Enablement_EndUser_Assignment',
      enabledRules: p.enabledRules,
      target: target('EndUser', 'Assignment'),
    },
    {
      '@odata.type': `${ns}ApprovalRule`,
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
            isApproverJustificationRequired: true,
            escalationTimeInMinutes: 0,
            isEscalationEnabled: false,
            primaryApprovers: p.approvers.map((userId) => ({
              '@odata.type': '#microsoft.graph.singleUser',
              isBackup: false,
              id: userId,
              userId,
              description: displayName(userId) ?? null,
            })),
            escalationApprovers: [],
          },
        ],
      },
    },
    {
      '@odata.type': `${ns}AuthenticationContextRule`,
      id: 'AuthenticationContext_EndUser_Assignment',
      isEnabled: p.authenticationContext !== null,
      claimValue: p.authenticationContext,
      target: target('EndUser', 'Assignment'),
    },
  ];
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
  if (expand.policy) {
    const name = (id: string) => scenario.users.find((u) => u.id === id)?.displayName;
    const policy: Record<string, unknown> = {
      id: pid,
      displayName: 'Group',
      description: 'Group',
      isOrganizationDefault: false,
      scopeId: groupId,
      scopeType: 'Group',
      lastModifiedDateTime: null,
      lastModifiedBy: { displayName: null, id: null },
    };
    if (expand.rules) policy.rules = rules(p, name);
    out.policy = policy;
  }
  return out;
}
