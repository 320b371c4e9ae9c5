import type { MessageKey } from './message-key.ts';
import type { AccessId } from './pim-state.ts';

/** How an access is named on its own ("Member", "Owner"): in a row, a column, a suggestion. */
export const ACCESS_LABEL = { member: 'accessMember', owner: 'accessOwner' } as const satisfies Record<
  AccessId,
  MessageKey
>;

/** How an access is named inside a sentence ("member", "owner"): titles and notifications. */
export const ACCESS_IN_TEXT = { member: 'accessMemberInText', owner: 'accessOwnerInText' } as const satisfies Record<
  AccessId,
  MessageKey
>;
