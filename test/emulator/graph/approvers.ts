/**
 * Who approves a request, read from the group's policy at the moment of asking (never copied onto
 * the request): `Approval_EndUser_Assignment` → `approvalStages[0].primaryApprovers`, `singleUser`
 * ids plus the members of `groupMembers` groups. So an approver who left the approver group, or was
 * taken off the policy, can no longer see or decide a request that was waiting on them.
 * The requester never approves their own request (groups-approval-workflow.md: delegated approvers).
 */
import type { Ctx } from './options.ts';
import { effectivePolicy } from './policies.ts';
import { activeAssignments, type PimRequest } from './state.ts';

export function approversOf(ctx: Ctx, r: PimRequest): Set<string> {
  const policy = effectivePolicy(ctx.state.scenario, r.groupId, r.accessId);
  const ids = new Set(policy.approvers.map((id) => id.toLowerCase()));
  for (const groupId of policy.approverGroups) {
    for (const s of activeAssignments(ctx.state, { groupId, accessId: 'member' })) ids.add(s.principalId.toLowerCase());
  }
  ids.delete(r.principalId.toLowerCase());
  return ids;
}

export const isApproverOf = (ctx: Ctx, r: PimRequest, userId: string): boolean =>
  approversOf(ctx, r).has(userId.toLowerCase());

/** `isApproverJustificationRequired` of the policy's approval stage, as it is now. */
export const approverJustificationRequired = (ctx: Ctx, r: PimRequest): boolean =>
  effectivePolicy(ctx.state.scenario, r.groupId, r.accessId).approverJustificationRequired;
