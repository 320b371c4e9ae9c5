import {
  addHistoryEntry,
  type HistoryEntry,
  type HistoryOutcome,
  type LaterOutcome,
  pruneHistory,
  updateHistoryOutcome,
} from '../core/history.ts';
import type { AccessId, ActivationOutcome, ActivationRequest } from '../core/pim-state.ts';
import { cancelAlarm, scheduleAlarm } from '../platform/alarms.ts';
import {
  historyItem,
  UNANSWERED_LIMIT,
  type Unanswered,
  type UnansweredChange,
  unansweredChangesItem,
  unansweredItem,
} from '../platform/history-items.ts';
import { log } from '../platform/log.ts';
import { readHistoryRetention } from '../platform/managed-settings.ts';

// The user's activation history: written here, by the background, when an activation is asked for
// and when the user later ends it; read and exported by the options page.

export const HISTORY_ALARM = 'history';
const PRUNE_ALARM = `${HISTORY_ALARM}:prune`;
const DAY_MS = 86_400_000;

// Every write goes through the items' `update`, one queue per key for the whole worker: two
// activations finishing together are both kept, and a clear from the options page stays cleared.
// Where one change touches two keys, the note's key is the outer one (never the other way round).

type HistoryChange = (entries: HistoryEntry[], retentionDays: number, nowMs: number) => HistoryEntry[];

/** Changes the history and schedules its pruning; rejects when it could not. */
function changeHistory(change: HistoryChange): Promise<unknown> {
  return historyItem.update(async (entries) => {
    const retention = await readHistoryRetention();
    const nowMs = Date.now();
    const changed = change(entries, retention.value, nowMs);
    await schedulePrune(changed, retention.value, nowMs);
    return changed;
  });
}

const logFailure = (what: string) => (error: unknown) => log.warn('history', what, error);

/** `changeHistory` for callers that go on either way: a failure is logged. Never throws. */
const update = (change: HistoryChange): Promise<void> =>
  changeHistory(change).then(() => undefined, logFailure('could not update the history'));

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
type Draft = Omit<HistoryEntry, 'outcome' | 'error'>;

function draftOf(request: ActivationRequest, groupName: string, requestedAtMs: number, id: string): Draft {
  return {
    id,
    groupId: request.groupId,
    groupName,
    accessId: request.accessId,
    requestedAtMs,
    startMs: request.startMs ?? requestedAtMs,
    durationMinutes: request.durationMinutes,
    justification: request.justification.trim(),
    ...(request.ticketSystem?.trim() ? { ticketSystem: request.ticketSystem.trim() } : {}),
    ...(request.ticketNumber?.trim() ? { ticketNumber: request.ticketNumber.trim() } : {}),
  };
}

// Requests this worker sent and still waits for: their notes are not a stopped worker's to reconcile.
const awaited = new Set<string>();

/**
 * Before a request goes to Graph: a note in `history:unanswered`, so that its outcome reaches the
 * history even if this worker stops (or the browser closes) before the answer; the next worker
 * looks it up in Graph (unanswered.ts). Returns the note's id, which becomes the entry's. A note
 * that cannot be written is logged; the request goes ahead (the history matters less than access).
 */
export async function noteRequest(
  request: ActivationRequest,
  groupName: string,
  requestedAtMs: number,
  sender: { accountId: string; sentAtMs: number },
): Promise<string> {
  const id = crypto.randomUUID();
  awaited.add(id);
  const note: Unanswered = { ...draftOf(request, groupName, requestedAtMs, id), ...sender };
  await unansweredItem
    .update((notes) => [...notes, note].slice(-UNANSWERED_LIMIT))
    .catch(logFailure('could not note a request before sending it'));
  return id;
}

/**
 * Adds `entry` to the history and, once it is stored, drops its note (a failed write keeps the note
 * for the next worker). `fromNote`: only while the note is still there (a lookup that raced with the
 * answer itself adds nothing).
 */
function settle(entry: HistoryEntry, fromNote = false): Promise<void> {
  return unansweredItem
    .update(async (notes) => {
      const noted = notes.some((n) => n.id === entry.id);
      if (fromNote && !noted) return notes;
      // A failed history write rejects here and keeps the note for the next worker.
      await changeHistory((entries, retentionDays, nowMs) => addHistoryEntry(entries, entry, retentionDays, nowMs));
      return noted ? notes.filter((n) => n.id !== entry.id) : notes;
    })
    .then(() => undefined, logFailure('could not update the history'));
}

/**
 * Records an activation the user asked for, with what Graph answered or the sentence they saw
 * (`noteId`: the note `noteRequest` wrote before sending, which this settles). Never throws.
 */
export function recordActivation(
  request: ActivationRequest,
  groupName: string,
  requestedAtMs: number,
  result: Result,
  noteId?: string,
): Promise<void> {
  if (noteId) awaited.delete(noteId);
  const draft = draftOf(request, groupName, requestedAtMs, noteId ?? crypto.randomUUID());
  return settle({
    ...draft,
    ...('error' in result ? { outcome: 'failed', error: result.error } : { outcome: result.outcome.status }),
  });
}

/** The notes a stopped worker (or a closed browser) left: their answers never came. */
export async function unansweredNotes(): Promise<Unanswered[]> {
  // Read through the key's queue: notes being written or settled now are in, or gone.
  return (await unansweredItem.update((notes) => notes)).filter((n) => !awaited.has(n.id));
}

/** A stopped worker's request, looked up in Graph: its outcome goes to the history, its note goes. Never throws. */
export function settleNote(
  note: Unanswered,
  result: { outcome: Exclude<HistoryOutcome, 'failed'> } | { error: string },
): Promise<void> {
  const { accountId: _account, sentAtMs: _sent, ...draft } = note;
  return settle({ ...draft, ...('error' in result ? { outcome: 'failed', error: result.error } : result) }, true);
}

/** The user cleared the history (options page): through the key's queue, so a write under way cannot bring it back. */
export async function clearHistory(): Promise<undefined> {
  await changeHistory(() => []);
  return undefined;
}

/** What became of a request later: an approver's decision, or the user cancelled or deactivated it. Never throws. */
export const recordLater = (target: { groupId: string; accessId: AccessId }, outcome: LaterOutcome) =>
  update((entries) => updateHistoryOutcome(entries, target, outcome));

/**
 * Before a deactivation or cancel goes to Graph: a note, so that its outcome reaches the history
 * even if this worker stops first (unanswered.ts). Returns its id; a note that cannot be written is
 * logged and the request goes ahead.
 */
export async function noteChange(change: Omit<UnansweredChange, 'id'>): Promise<string> {
  const id = crypto.randomUUID();
  awaited.add(id);
  await unansweredChangesItem
    .update((notes) => [...notes, { ...change, id }].slice(-UNANSWERED_LIMIT))
    .catch(logFailure('could not note a change before sending it'));
  return id;
}

/**
 * What became of a noted deactivation or cancel: `outcome` goes to the history (as `recordLater`),
 * or nothing when it did not happen; the note goes. Without a note id, only the outcome. `fromNote`
 * (a stopped worker's, looked up): only while the note is still there, since applying an outcome
 * twice would mark an older entry. Never throws.
 */
export function settleChange(
  noteId: string | undefined,
  target: { groupId: string; accessId: AccessId },
  outcome: LaterOutcome | undefined,
  fromNote = false,
): Promise<void> {
  if (noteId) awaited.delete(noteId);
  return unansweredChangesItem
    .update(async (notes) => {
      const noted = notes.some((n) => n.id === noteId);
      if (fromNote && !noted) return notes;
      if (outcome) await changeHistory((entries) => updateHistoryOutcome(entries, target, outcome));
      return noted ? notes.filter((n) => n.id !== noteId) : notes;
    })
    .then(() => undefined, logFailure('could not update the history'));
}

/** The deactivation and cancel notes a stopped worker left. */
export async function unansweredChanges(): Promise<UnansweredChange[]> {
  return (await unansweredChangesItem.update((notes) => notes)).filter((n) => !awaited.has(n.id));
}
