// Small pure helpers the popup's components share.
import type { GroupItem, Operation } from '../core/pim-state.ts';
import { t } from '../platform/i18n.ts';
import type { Draft, Memory } from './usePopupData.ts';

/** A copy of `record` with `key` set to `value`, or removed when `value` is undefined. */
export const patch = <T>(record: Readonly<Record<string, T>>, key: string, value: T | undefined): Record<string, T> => {
  const next = { ...record };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
};

/** "SG-Prod-SQL-Admins as member": how buttons and announcements name an item (`name`: as the row shows it). */
export const itemPhrase = (item: GroupItem, name = item.groupName): string =>
  t(item.accessId === 'owner' ? 'listItemAsOwner' : 'listItemAsMember', name);

/** Eligible and neither active, pending nor scheduled: the Activate button and the form apply. */
export const canActivate = (item: GroupItem): boolean =>
  item.eligible && !item.active && !item.pending && !item.scheduled;

/** Only a PIM activation can be ended early; a permanent or admin-given assignment cannot. */
export const canDeactivate = (item: GroupItem): boolean => item.active?.assignmentType === 'activated';

/** The request a Cancel button withdraws: a pending approval or a scheduled start. */
export const requestIdOf = (item: GroupItem): string | undefined =>
  item.pending?.requestId ?? item.scheduled?.requestId;

/** What the row shows of an operation: one the popup just started, or one the background recorded. */
export interface OpView {
  kind: Operation['kind'];
  phase: 'running' | 'failed';
  message?: string | undefined;
  /** The failure's code (e.g. MFA_UNMET, which links to the Entra admin center). */
  code?: string | undefined;
  /** The background's record of it (for Dismiss); absent for the popup's own. */
  startedAtMs?: number;
}

/** The popup's own running request wins; then the background's record; then a failure only the popup saw. */
export function effectiveOp(
  stored: Operation | undefined,
  local: OpView | undefined,
  dismissedAt?: number,
): OpView | undefined {
  if (local?.phase === 'running') return local;
  if (stored && stored.phase !== 'succeeded' && stored.startedAtMs !== dismissedAt) {
    const view: OpView = { kind: stored.kind, phase: stored.phase, message: stored.message, code: stored.code };
    view.startedAtMs = stored.startedAtMs;
    return view;
  }
  return local;
}

export interface Remembered {
  justification?: string | undefined;
  ticketNumber?: string | undefined;
  ticketSystem?: string | undefined;
  durationMinutes?: number | undefined;
}

const filled = (value: string | undefined) => (value?.trim() ? value : undefined);

/** What a one-click activation sends: the draft, else this item's memory, else the most recent justification. */
export function remembered(draft: Draft | undefined, memory: Memory, key: string): Remembered {
  const mine = memory.perItem[key];
  return {
    justification:
      filled(draft?.justification) ?? filled(mine?.justification) ?? filled(memory.recentJustifications[0]),
    ticketNumber: filled(draft?.ticketNumber),
    ticketSystem: filled(draft?.ticketSystem) ?? filled(mine?.ticketSystem),
    durationMinutes: draft?.durationMinutes ?? mine?.durationMinutes,
  };
}

/** The last few justifications to offer: this item's first, then the most recent overall, without repeats. */
export function justificationChoices(memory: Memory, key: string, limit = 4): string[] {
  const all = [memory.perItem[key]?.justification, ...memory.recentJustifications];
  return [...new Set(all.filter((j): j is string => Boolean(j?.trim())))].slice(0, limit);
}
