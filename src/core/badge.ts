import type { GroupItem } from './pim-state.ts';

// The toolbar badge: the remaining time of the activation that ends soonest, in at most four
// characters, coloured by urgency. Pure, so every range is unit-tested.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const BADGE_COLOURS = {
  calm: '#0F6CBD',
  amber: '#BC4B09',
  red: '#C50F1F',
  pending: '#616161',
  /** Requests waiting on the user as approver: a colour no countdown uses. */
  approvals: '#8764B8',
} as const;

/** Shown when nothing is active but a request waits for approval. */
export const PENDING_MARKER = '…';

export interface TimedActivation {
  key: string;
  groupName: string;
  accessId: GroupItem['accessId'];
  endMs: number;
}

/**
 * Activations with an end in the future, soonest first. Permanent ones never end, so they never badge.
 * Graph lists only assignments in force, so the start is not compared (the local estimate of Graph's
 * clock may lag a just-approved start by a second).
 */
export function timedActivations(items: readonly GroupItem[], nowMs: number): TimedActivation[] {
  return items
    .flatMap((i) =>
      i.active?.endMs != null && i.active.endMs > nowMs
        ? [{ key: i.key, groupName: i.groupName, accessId: i.accessId, endMs: i.active.endMs }]
        : [],
    )
    .sort((a, b) => a.endMs - b.endMs);
}

/**
 * "7h" above two hours (whole hours, rounded down: never promise time that is not there),
 * "1h45" between one and two hours, "59m" … "1m" in the last hour (rounded up: "1m" until the end).
 */
export function remainingText(remainingMs: number): string {
  if (remainingMs > 2 * HOUR) return `${Math.floor(remainingMs / HOUR)}h`;
  const minutes = Math.ceil(remainingMs / MINUTE);
  if (minutes < 60) return `${Math.max(1, minutes)}m`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours}h${String(rest).padStart(2, '0')}` : `${hours}h`;
}

/** When `remainingText` next changes, as remaining time: the badge is redrawn then and only then. */
export function nextChangeAt(remainingMs: number): number {
  if (remainingMs > 2 * HOUR) {
    const hours = Math.floor(remainingMs / HOUR);
    // "3h" lasts while more than three hours remain; "2h" hands over to "1h59" at 119 minutes.
    return hours > 2 ? hours * HOUR - 1 : 2 * HOUR - MINUTE;
  }
  const minutes = Math.ceil(remainingMs / MINUTE);
  return Math.max(0, (minutes - 1) * MINUTE);
}

export function urgencyColour(remainingMs: number): string {
  if (remainingMs < 5 * MINUTE) return BADGE_COLOURS.red;
  if (remainingMs < 15 * MINUTE) return BADGE_COLOURS.amber;
  return BADGE_COLOURS.calm;
}

export interface BadgeView {
  text: string;
  colour: string;
  /** Server time at which the text or colour changes next; null when nothing will change by itself. */
  nextChangeMs: number | null;
}

const AMBER_AT = 15 * MINUTE;
const RED_AT = 5 * MINUTE;

/** The count of waiting approvals in at most four characters. */
export const approvalsText = (count: number): string => (count > 999 ? '999+' : String(count));

/**
 * The badge for the list at `nowMs` (Graph time). Priority: the user's own activation countdown,
 * then the requests waiting on them as approver (their count, in the approvals colour), then the
 * marker of their own request waiting for approval. The tooltip lists all of them (background/badge.ts).
 */
export function badgeView(items: readonly GroupItem[], nowMs: number, approvalsWaiting = 0): BadgeView {
  const soonest = timedActivations(items, nowMs)[0];
  if (!soonest) {
    if (approvalsWaiting > 0)
      return { text: approvalsText(approvalsWaiting), colour: BADGE_COLOURS.approvals, nextChangeMs: null };
    const pending = items.some((i) => i.pending);
    return { text: pending ? PENDING_MARKER : '', colour: BADGE_COLOURS.pending, nextChangeMs: null };
  }
  const remaining = soonest.endMs - nowMs;
  // Colour thresholds are changes too: wake for whichever comes first.
  const changes = [nextChangeAt(remaining), ...[AMBER_AT, RED_AT].filter((t) => t < remaining)];
  const next = Math.max(...changes);
  return { text: remainingText(remaining), colour: urgencyColour(remaining), nextChangeMs: soonest.endMs - next };
}
