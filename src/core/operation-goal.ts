import type { GroupItem, Operation } from './pim-state.ts';

/**
 * Whether the list shows what an operation set out to do: after an interruption (the worker was
 * stopped while Graph held the request), only Graph's state says whether it went through.
 */
export function operationGoalReached(kind: Operation['kind'], item: GroupItem | undefined): boolean {
  switch (kind) {
    case 'activate':
      return (
        item !== undefined && (item.active !== undefined || item.pending !== undefined || item.scheduled !== undefined)
      );
    case 'deactivate':
      return item?.active === undefined;
    case 'cancel':
      return item !== undefined && item.pending === undefined && item.scheduled === undefined;
  }
}
