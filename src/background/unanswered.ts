import { activeAccount } from '../auth/accounts.ts';
import { SCOPES } from '../auth/scopes.ts';
import { outcomeOfRequest } from '../core/history.ts';
import { GraphCallOptions } from '../graph/call-options.ts';
import { readMyRequestsForGroup } from '../graph/pim.ts';
import type { ScheduleRequest } from '../graph/schemas.ts';
import { scheduleAlarm } from '../platform/alarms.ts';
import type { Unanswered } from '../platform/history-items.ts';
import { t } from '../platform/i18n.ts';
import { log } from '../platform/log.ts';
import { graphClient } from './graph.ts';
import { settleNote, unansweredNotes } from './history.ts';
import { localTimeOf, serverNow } from './server-time.ts';

// Requests whose answer never reached the history: the worker stopped (or the browser closed)
// while Graph held them. Graph keeps every request the user made, so the next worker looks each
// one up among the user's own requests (`assignmentScheduleRequests/filterByCurrentUser(on='principal')`)
// and records what became of it.

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
 * Looks up every request a stopped worker sent and records its outcome. Runs as a worker starts,
 * after each list read and at its alarm; concurrent calls share one run. Notes of another account
 * wait until it is active again; a group whose requests cannot be read now is tried next time.
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
  const notes = (await unansweredNotes()).filter((n) => n.accountId === accountId);
  if (!accountId || notes.length === 0) return;
  const now = await deps.now();
  const taken = new Set<string>();
  let nextLook: number | undefined;
  for (const groupId of new Set(notes.map((n) => n.groupId))) {
    const requests = await deps.requestsFor(groupId).catch((error: unknown) => {
      log.warn('history', 'could not read the requests of a group', error);
      return undefined;
    });
    if (!requests) continue;
    for (const note of notes.filter((n) => n.groupId === groupId).sort((a, b) => a.sentAtMs - b.sentAtMs)) {
      const request = findRequest(note, requests, taken);
      const outcome =
        request && outcomeOfRequest(request.status, request.scheduleInfo?.startDateTime ?? undefined, now);
      if (request && outcome) {
        taken.add(request.id);
        log.info('history', `an unanswered request was ${request.status}`);
        await settleNote(
          note,
          outcome === 'failed' ? { error: t('historyRequestFailed', note.groupName) } : { outcome },
        );
      } else if (!request && now >= note.sentAtMs + GIVE_UP_MS) {
        // Graph lists every request it received: this one never arrived.
        log.info('history', 'an unanswered request never reached Graph');
        await settleNote(note, { error: t('historyRequestNotReceived', note.groupName) });
      } else if (!request || now < note.sentAtMs + GIVE_UP_MS) {
        // Not listed yet (Graph may still hold it), or a status that says nothing yet: look again.
        nextLook = Math.min(nextLook ?? Number.POSITIVE_INFINITY, Math.max(note.sentAtMs + GIVE_UP_MS, now + 60_000));
      }
    }
  }
  if (nextLook !== undefined) await deps.wakeAt(nextLook);
}
