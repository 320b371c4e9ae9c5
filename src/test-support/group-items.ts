import { type GroupItem, itemKey } from '../core/pim-state.ts';

/** A list item for tests: eligible, no end, member unless the patch says otherwise. */
export function item(groupName: string, patch: Partial<GroupItem> = {}): GroupItem {
  const groupId = patch.groupId ?? `id-${groupName}`;
  const accessId = patch.accessId ?? 'member';
  return {
    key: itemKey(groupId, accessId),
    groupId,
    groupName,
    accessId,
    eligible: true,
    eligibleUntilMs: null,
    ...patch,
  };
}
