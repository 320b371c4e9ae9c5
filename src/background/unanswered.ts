import { activeAccount } from '../auth/accounts.ts';
import { SCOPES } from '../auth/scopes.ts';
import { outcomeOfRequest } from '../core/history.ts';
import { GraphCallOptions } from '../graph/call-options.ts';
import { readMyRequestsForGroup } from '../graph/pim.ts';
import type { ScheduleRequest } from '../graph/schemas.ts';
import { scheduleAlarm } from '../platform/alarms.ts';
import type { Unanswered, UnansweredChange } from '../platform/history-items.ts';
import { t } from '../platform/i18n.ts';
import { log } from '../platform/log.ts';
import { graphClient } from './graph.ts';
import { settleChange, settleNote, unansweredChanges, unansweredNotes } from './history.ts';
import { localTimeOf, serverNow } from './server-time.ts';

// Requests whose answer never reached the history (activations, deactivations, cancels): the
// worker stopped (or the browser closed) while Graph held them. Graph keeps every request the user
// made, so the next worker looks each one up among the user's own requests
// (`assignmentScheduleRequests/filterByCurrentUser(on='principal')`) and records what became of it.

export const UNANSWERED_ALARM = 'unanswered';
/** A request Graph has not listed this long after it was sent never reached it (or never will). */
export const GIVE_UP_MS = 10 * 60_000;
/** Graph's `createdDateTime` and our note's time come from clocks that can differ by this much. */
const CLOCK_TOLERANCE_MS = 120_000;

export interface UnansweredDeps {
  accountId(): Promise<string | undefined>;
  now(): Promise<number>;
  requestsFor(groupId: string): Promise<ScheduleRequest[]>;
  /** Wakes the worker at `serverMs` (Graph time) to look again. */
  wakeAt(serverMs: number): Promise<void>;
}

const defaultDeps: UnansweredDeps = {
  accountId: async () => (await activeAccount())?.id,
  now: serverNow,
  requestsFor: async (groupId) =>
    readMyRequestsForGroup(await graphClient(), groupId, new GraphCallOptions(SCOPES.read, false)),
  wakeAt: async (serverMs) => scheduleAlarm(UNANSWERED_ALARM, await localTimeOf(serverMs)),
};

/** The activation request a note stands for: the same group and access, sent closest to the note's time. */
function findRequest(note: Unanswered, requests: readonly ScheduleRequest[], taken: Set<string>) {
  const candidates = requests.filter(
    (r) =>
      !taken.has(r.id) &&
      r.accessId === note.accessId &&
      r.action === 'selfactivate' &&
      (r.createdDateTime ?? 0) >= note.sentAtMs - CLOCK_TOLERANCE_MS,
  );
  const distance = (r: ScheduleRequest) => Math.abs((r.createdDateTime ?? 0) - note.sentAtMs);
  return candidates.sort((a, b) => distance(a) - distance(b))[0];
}

let running: Promise<void> | undefined;

/**
 * Looks up every request a stopped worker sent and records its outcome (each group's requests read
 * once per run). Runs as a worker starts, after each list read and at its alarm; concurrent calls
 * share one run. Notes of another account wait until it is active again; a group whose requests
 * cannot be read now is tried next time.
 */
export function reconcileUnanswered(deps: UnansweredDeps = defaultDeps): Promise<void> {
  running ??= run(deps)
    .catch((error: unknown) => log.warn('history', 'could not look up unanswered requests', error))
    .finally(() => {
      running = undefined;
    });
  return running;
}

async function run(deps: UnansweredDeps): Promise<void> {
  const accountId = await deps.accountId();
  if (!accountId) return;
  const notes = (await unansweredNotes()).filter((n) => n.accountId === accountId);
  const changes = (await unansweredChanges()).filter((n) => n.accountId === accountId);
  if (notes.length + changes.length === 0) return;
  const now = await deps.now();
  const lists = new Map<string, Promise<ScheduleRequest[] | undefined>>();
  const requestsFor = (groupId: string) => {
    let list = lists.get(groupId);
    if (!list) {
      list = deps.requestsFor(groupId).catch((error: unknown) => {
        log.warn('history', 'could not read the requests of a group', error);
        return undefined;
      });
      lists.set(groupId, list);
    }
    return list;
  };
  const looks: number[] = [];
  const lookAgain = (sentAtMs: number) => looks.push(Math.max(sentAtMs + GIVE_UP_MS, now + 60_000));
  await settleActivations(notes, requestsFor, now, lookAgain);
  await settleChanges(changes, requestsFor, now, lookAgain);
  if (looks.length > 0) await deps.wakeAt(Math.min(...looks));
}

type RequestsFor = (groupId: string) => Promise<ScheduleRequest[] | undefined>;

async function settleActivations(
  notes: readonly Unanswered[],
  requestsFor: RequestsFor,
  now: number,
  lookAgain: (sentAtMs: number) => void,
): Promise<void> {
  const taken = new Set<string>();
  for (const note of [...notes].sort((a, b) => a.sentAtMs - b.sentAtMs)) {
    const requests = await requestsFor(note.groupId);
    if (!requests) continue;
    const request = findRequest(note, requests, taken);
    const outcome = request && outcomeOfRequest(request.status, request.scheduleInfo?.startDateTime ?? undefined, now);
    if (request && outcome) {
      taken.add(request.id);
      log.info('history', `an unanswered request was ${request.status}`);
      await settleNote(note, outcome === 'failed' ? { error: t('historyRequestFailed', note.groupName) } : { outcome });
    } else if (!request && now >= note.sentAtMs + GIVE_UP_MS) {
      // Graph lists every request it received: this one never arrived.
      log.info('history', 'an unanswered request never reached Graph');
      await settleNote(note, { error: t('historyRequestNotReceived', note.groupName) });
    } else if (!request || now < note.sentAtMs + GIVE_UP_MS) {
      // Not listed yet (Graph may still hold it), or a status that says nothing yet: look again.
      lookAgain(note.sentAtMs);
    }
  }
}

/** Statuses of a deactivation that did not end the assignment (failed; the last owner, which PIM keeps retrying). */
const NOT_DEACTIVATED = new Set(['failed', 'denied', 'canceled', 'pendingprovisioning']);

/** A deactivation or cancel: the history changes only when Graph shows it happened. */
async function settleChanges(
  changes: readonly UnansweredChange[],
  requestsFor: RequestsFor,
  now: number,
  lookAgain: (sentAtMs: number) => void,
): Promise<void> {
  for (const change of changes) {
    const requests = await requestsFor(change.groupId);
    if (!requests) continue;
    const target = { groupId: change.groupId, accessId: change.accessId };
    const happened =
      change.kind === 'cancel'
        ? requests.some((r) => r.id === change.requestId && r.status === 'canceled')
        : requests.some(
            (r) =>
              r.accessId === change.accessId &&
              r.action === 'selfdeactivate' &&
              !NOT_DEACTIVATED.has(r.status) &&
              (r.createdDateTime ?? 0) >= change.sentAtMs - CLOCK_TOLERANCE_MS,
          );
    if (happened) await settleChange(change.id, target, change.kind === 'cancel' ? 'cancelled' : 'deactivated', true);
    else if (now >= change.sentAtMs + GIVE_UP_MS) await settleChange(change.id, target, undefined, true);
    else lookAgain(change.sentAtMs);
  }
}
