// The user's own activation history: pure rules for adding, updating and pruning entries. The
// background stores them (platform/history-items.ts); the options page shows and exports them.
import type { AccessId } from './pim-state.ts';

/** Kept at most, newest first: enough for a year of daily use, small enough for local storage. */
export const HISTORY_LIMIT = 500;
/** The retention choices the options page offers (and the policy may set), in days. */
export const RETENTION_DAYS = [7, 30, 90, 365] as const;
export type RetentionDays = (typeof RETENTION_DAYS)[number];
export const DEFAULT_RETENTION_DAYS: RetentionDays = 90;

/**
 * What became of a request: what Graph answered (`active`, `pendingApproval`, `scheduled`,
 * `alreadyActive`), `failed` with the sentence the user saw, an approver's decision (`approved`,
 * `denied`), or what the user did next (`cancelled`, `deactivated`).
 */
export const HISTORY_OUTCOMES = [
  'active',
  'pendingApproval',
  'scheduled',
  'alreadyActive',
  'approved',
  'denied',
  'failed',
  'cancelled',
  'deactivated',
] as const;
export type HistoryOutcome = (typeof HISTORY_OUTCOMES)[number];

export interface HistoryEntry {
  /** Unique per entry (the request time plus the item key is enough, but a random id is simpler to address). */
  id: string;
  groupId: string;
  groupName: string;
  accessId: AccessId;
  /** Local time the user asked for it. */
  requestedAtMs: number;
  /** The requested start (Graph time). */
  startMs: number;
  durationMinutes: number;
  justification: string;
  ticketSystem?: string | undefined;
  ticketNumber?: string | undefined;
  outcome: HistoryOutcome;
  /** For `failed`: the sentence the user saw. */
  error?: string | undefined;
}

const DAY_MS = 86_400_000;

/** Entries younger than the retention period, at most HISTORY_LIMIT, newest first. */
export function pruneHistory(entries: readonly HistoryEntry[], retentionDays: number, nowMs: number): HistoryEntry[] {
  const oldest = nowMs - retentionDays * DAY_MS;
  return entries
    .filter((e) => e.requestedAtMs >= oldest)
    .sort((a, b) => b.requestedAtMs - a.requestedAtMs)
    .slice(0, HISTORY_LIMIT);
}

/** Adds an entry in front and prunes. */
export function addHistoryEntry(
  entries: readonly HistoryEntry[],
  entry: HistoryEntry,
  retentionDays: number,
  nowMs: number,
): HistoryEntry[] {
  return pruneHistory([entry, ...entries.filter((e) => e.id !== entry.id)], retentionDays, nowMs);
}

/** Which outcomes each later event may replace: only a request still in that state changes. */
const LATER: Record<LaterOutcome, readonly HistoryOutcome[]> = {
  approved: ['pendingApproval'],
  denied: ['pendingApproval'],
  cancelled: ['pendingApproval', 'scheduled'],
  deactivated: ['active', 'alreadyActive', 'approved', 'scheduled'],
};
export type LaterOutcome = 'approved' | 'denied' | 'cancelled' | 'deactivated';

/**
 * Records what became of a request: the newest entry of that group and access that is still in
 * a state the event follows (e.g. waiting, for an approval) takes the new outcome. Others keep theirs.
 */
export function updateHistoryOutcome(
  entries: readonly HistoryEntry[],
  target: { groupId: string; accessId: AccessId },
  outcome: LaterOutcome,
): HistoryEntry[] {
  const index = entries.findIndex(
    (e) => e.groupId === target.groupId && e.accessId === target.accessId && LATER[outcome].includes(e.outcome),
  );
  if (index === -1) return [...entries];
  return entries.map((e, i) => (i === index ? { ...e, outcome } : e));
}

/** Graph's request statuses (lower case) that mean the activation was carried out or will start. */
const CARRIED_OUT = new Set([
  'provisioned',
  'granted',
  'schedulecreated',
  'pendingschedulecreation',
  'pendingprovisioning',
]);

/**
 * What a request found in Graph's list means for the history, when its answer never reached us
 * (the worker stopped, the browser closed). `startMs` is the request's start in Graph time;
 * undefined for a status that says nothing yet (the lookup tries again later).
 */
export function outcomeOfRequest(
  status: string,
  startMs: number | undefined,
  nowMs: number,
): Exclude<HistoryOutcome, 'alreadyActive' | 'approved'> | undefined {
  if (status === 'pendingapproval' || status === 'pendingadmindecision') return 'pendingApproval';
  if (status === 'denied') return 'denied';
  if (status === 'canceled') return 'cancelled';
  if (status === 'revoked') return 'deactivated';
  if (status === 'failed') return 'failed';
  if (CARRIED_OUT.has(status)) return startMs !== undefined && startMs > nowMs + 60_000 ? 'scheduled' : 'active';
  return undefined;
}
