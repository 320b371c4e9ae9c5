import {
  addHistoryEntry,
  type HistoryEntry,
  type LaterOutcome,
  pruneHistory,
  updateHistoryOutcome,
} from '../core/history.ts';
import type { AccessId, ActivationOutcome, ActivationRequest } from '../core/pim-state.ts';
import { cancelAlarm, scheduleAlarm } from '../platform/alarms.ts';
import { historyItem } from '../platform/history-items.ts';
import { log } from '../platform/log.ts';
import { readHistoryRetention } from '../platform/managed-settings.ts';

// The user's activation history: written here, by the background, when an activation is asked for
// and when the user later ends it; read and exported by the options page.

export const HISTORY_ALARM = 'history';
const PRUNE_ALARM = `${HISTORY_ALARM}:prune`;
const DAY_MS = 86_400_000;

// Read-modify-writes are serialised: two activations finishing together must both be kept.
let queue: Promise<unknown> = Promise.resolve();

function update(change: (entries: HistoryEntry[], retentionDays: number, nowMs: number) => HistoryEntry[]) {
  const next = queue.then(async () => {
    const [entries, retention] = await Promise.all([historyItem.get(), readHistoryRetention()]);
    const nowMs = Date.now();
    const changed = change(entries, retention.value, nowMs);
    if (changed.length !== entries.length || changed.some((e, i) => e !== entries[i])) await historyItem.set(changed);
    await schedulePrune(changed, retention.value, nowMs);
  });
  const done = next.catch((error: unknown) => log.warn('history', 'could not update the history', error));
  queue = done;
  return done;
}

/**
 * Idle cost: with no entries there is no alarm at all. Otherwise one wake-up when the oldest entry
 * leaves the retention period, and never more often than once a day.
 */
async function schedulePrune(entries: readonly HistoryEntry[], retentionDays: number, nowMs: number) {
  const oldest = entries.at(-1);
  if (!oldest) {
    await cancelAlarm(PRUNE_ALARM);
    return;
  }
  await scheduleAlarm(PRUNE_ALARM, Math.max(oldest.requestedAtMs + retentionDays * DAY_MS, nowMs + DAY_MS));
}

/** Drops entries older than the retention period (the daily alarm, and after the setting changes). */
export const pruneHistoryNow = (): Promise<void> =>
  update((entries, days, nowMs) => pruneHistory(entries, days, nowMs));

type Result = { outcome: ActivationOutcome } | { error: string };

/** Records an activation the user asked for, with what Graph answered or the sentence they saw. Never throws. */
export function recordActivation(
  request: ActivationRequest,
  groupName: string,
  requestedAtMs: number,
  result: Result,
): Promise<void> {
  const entry: HistoryEntry = {
    id: crypto.randomUUID(),
    groupId: request.groupId,
    groupName,
    accessId: request.accessId,
    requestedAtMs,
    startMs: request.startMs ?? requestedAtMs,
    durationMinutes: request.durationMinutes,
    justification: request.justification.trim(),
    ...(request.ticketSystem?.trim() ? { ticketSystem: request.ticketSystem.trim() } : {}),
    ...(request.ticketNumber?.trim() ? { ticketNumber: request.ticketNumber.trim() } : {}),
    ...('error' in result ? { outcome: 'failed', error: result.error } : { outcome: result.outcome.status }),
  };
  return update((entries, days, nowMs) => addHistoryEntry(entries, entry, days, nowMs));
}

/** What became of a request later: an approver's decision, or the user cancelled or deactivated it. Never throws. */
export const recordLater = (target: { groupId: string; accessId: AccessId }, outcome: LaterOutcome) =>
  update((entries) => updateHistoryOutcome(entries, target, outcome));
