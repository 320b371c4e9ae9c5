import type { AccessId, PimSnapshot } from './pim-state.ts';
import { emptyWatchState } from './watch-state.ts';

// What the background watches between refreshes, and the events it notifies about. Pure: the
// background feeds it the cached list and Graph's time; it returns what happened and when to look
// again. Kept in storage between steps, so a restarted service worker misses nothing and repeats nothing.

const MINUTE = 60_000;

export interface WatchedActivation {
  groupName: string;
  accessId: AccessId;
  startMs: number;
  endMs: number;
}

export interface WatchedRequest {
  key: string;
  groupName: string;
  accessId: AccessId;
  /** For scheduled activations: when they start. */
  startMs?: number;
}

export interface WatchState {
  accountId: string;
  /** Timed activations by item key. */
  activations: Record<string, WatchedActivation>;
  /** Requests waiting for approval, by request id. */
  pending: Record<string, WatchedRequest>;
  /** Approved or future-start activations not yet started, by request id. */
  scheduled: Record<string, WatchedRequest>;
  /** Event ids already notified (with when), so nothing is said twice, even across restarts. */
  notified: Record<string, number>;
  /** Approval polling: how many polls found the requests still pending, and when to poll next. */
  pendingPolls: number;
  nextPendingPollMs: number | null;
}

interface EventBase {
  /** Unique per event: the notification id, and the de-duplication key. */
  id: string;
  key: string;
  groupName: string;
  accessId: AccessId;
}

export type WatchEvent =
  /** An activation is in force (provisioned now, approved, a scheduled one that started, or a queued re-activation that ran). */
  | (EventBase & {
      kind: 'activated';
      endMs: number | null;
      cause: 'request' | 'approval' | 'schedule' | 'reactivation';
    })
  | (EventBase & { kind: 'expiringSoon'; endMs: number })
  /** It ended: at its end time, or earlier (deactivated). */
  | (EventBase & { kind: 'ended'; endMs: number; early: boolean })
  /** Past its end yet still active: Entra keeps a group's last active owner. */
  | (EventBase & { kind: 'stillActive'; endMs: number })
  /** A pending request left the list without becoming active: the background asks Graph why. */
  | (EventBase & { kind: 'pendingGone'; requestId: string });

export interface WatchSettings {
  expiringLeadMinutes: number;
}

/**
 * Polls of pending approvals back off: after 30 seconds (an approver next to the requester), then
 * 1, 2, 5, 10, and every 15 minutes until decided. 30 seconds is also Chromium's shortest alarm.
 */
export const PENDING_POLL_MINUTES = [0.5, 1, 2, 5, 10, 15];
/** How long the notified log remembers an event: longer than any activation (24 h) plus margin. */
const NOTIFIED_RETENTION_MS = 3 * 24 * 60 * MINUTE;
/** Graph may take a moment to end an activation; only after this is "still active" worth saying. */
const STILL_ACTIVE_GRACE_MS = 2 * MINUTE;
/**
 * One activation, seen twice: the background's record right after the request and Graph's list a
 * moment later can differ in their start (milliseconds against whole seconds, the request's echo
 * against the instance). Two activations of one item cannot start this close: PIM refuses to end
 * one within 5 minutes of its start, and a new one only starts after the old one ended.
 */
export const SAME_ACTIVATION_MS = MINUTE;
const sameActivation = (a: { startMs: number }, b: { startMs: number }) =>
  Math.abs(a.startMs - b.startMs) <= SAME_ACTIVATION_MS;

export interface WatchStep {
  state: WatchState;
  events: WatchEvent[];
  /** A refresh is due (something ended or started, or pending approvals are to be polled). */
  refreshDue: boolean;
  /** Graph time of the next moment anything here can change; null = nothing to wake for. */
  nextWakeMs: number | null;
  /**
   * Notifications no longer true, to take off the screen: the announcement of an activation that
   * ended or was deactivated ("active until …"), and the warning of one that ended, was deactivated
   * or was given another end. The warning waits for an answer (its button re-activates the group
   * when it ends), so it would otherwise outlive what it says; the "ended" notification takes over
   * the announcement's advice to sign out and in.
   */
  withdrawn: string[];
  /**
   * Activations that will not end when they were to: ended early (deactivated here or elsewhere,
   * removed by an administrator), or listed by Graph with another end. `endMs` is the end they had;
   * a re-activation queued for it is for an end that no longer comes.
   */
  endMoved: Array<{ key: string; endMs: number }>;
}

const activatedId = (key: string, startMs: number) => `activated:${key}:${startMs}`;
const expiringId = (key: string, endMs: number) => `expiring:${key}:${endMs}`;

const base = (key: string, item: { groupName: string; accessId: AccessId }) => ({
  key,
  groupName: item.groupName,
  accessId: item.accessId,
});

export function watchStep(
  previous: WatchState,
  snapshot: PimSnapshot | null,
  nowMs: number,
  settings: WatchSettings,
): WatchStep {
  if (!snapshot) {
    return { state: emptyWatchState(), events: [], refreshDue: false, nextWakeMs: null, withdrawn: [], endMoved: [] };
  }
  // First look at this account: learn what is there without announcing it as new.
  const initial = previous.accountId !== snapshot.accountId;
  const prev = initial ? { ...emptyWatchState(snapshot.accountId), notified: previous.notified } : previous;
  const events: WatchEvent[] = [];
  const activations: WatchState['activations'] = {};
  const pending: WatchState['pending'] = {};
  const scheduled: WatchState['scheduled'] = {};
  let refreshDue = false;
  const wakes: number[] = [];
  const endMoved: WatchStep['endMoved'] = [];

  for (const item of snapshot.items) {
    const active = item.active;
    if (active?.assignmentType === 'activated' && active.endMs !== null) {
      const before = prev.activations[item.key];
      const continuing = before !== undefined && sameActivation(before, active);
      // The start that named it stays. The end follows Graph (it may grant less than was asked),
      // except for the rounding between our record and Graph's: the events it names stay the same.
      const sameEnd = continuing && Math.abs(before.endMs - active.endMs) <= SAME_ACTIVATION_MS;
      if (continuing && !sameEnd) endMoved.push({ key: item.key, endMs: before.endMs });
      const watched = {
        groupName: item.groupName,
        accessId: item.accessId,
        startMs: continuing ? before.startMs : active.startMs,
        endMs: sameEnd ? before.endMs : active.endMs,
      };
      if (active.endMs > nowMs) {
        activations[item.key] = watched;
        if (!initial && !continuing) {
          const wasPending = Object.values(prev.pending).some((p) => p.key === item.key);
          const wasScheduled = Object.values(prev.scheduled).some((s) => s.key === item.key);
          const cause = wasPending ? 'approval' : wasScheduled ? 'schedule' : 'request';
          events.push({
            id: activatedId(item.key, watched.startMs),
            kind: 'activated',
            ...base(item.key, item),
            endMs: active.endMs,
            cause,
          });
        }
        const warnAt = active.endMs - settings.expiringLeadMinutes * MINUTE;
        if (nowMs >= warnAt) {
          events.push({
            id: expiringId(item.key, watched.endMs),
            kind: 'expiringSoon',
            ...base(item.key, item),
            endMs: watched.endMs,
          });
        } else wakes.push(warnAt);
        wakes.push(active.endMs);
      } else {
        // Past its end but still listed: it has ended only when Graph's list drops it (below).
        // Entra keeps a group's last active owner, and "has ended" would then be untrue.
        if (continuing) activations[item.key] = watched;
        const settledMs = active.endMs + STILL_ACTIVE_GRACE_MS;
        if (snapshot.fetchedAtMs > settledMs) {
          // Read from Graph well after its end and still there: the last-owner rule.
          events.push({
            id: `stillActive:${item.key}:${active.endMs}`,
            kind: 'stillActive',
            ...base(item.key, item),
            endMs: active.endMs,
          });
        } else if (snapshot.fetchedAtMs < active.endMs || nowMs > settledMs) {
          refreshDue = true; // read before its end (or within the grace): Graph will confirm it ended, or show it held
        } else wakes.push(settledMs + 1_000);
      }
    }
    if (item.pending) pending[item.pending.requestId] = base(item.key, item);
    if (item.scheduled) {
      scheduled[item.scheduled.requestId] = { ...base(item.key, item), startMs: item.scheduled.startMs };
      if (item.scheduled.startMs > nowMs) wakes.push(item.scheduled.startMs);
      else if (snapshot.fetchedAtMs < item.scheduled.startMs) refreshDue = true;
    }
  }

  for (const [key, watched] of Object.entries(prev.activations)) {
    const current = snapshot.items.find((i) => i.key === key)?.active;
    // Still listed (running, or held past its end: see above). Made permanent: no end to watch.
    if (current !== undefined && sameActivation(current, watched)) continue;
    // Gone from Graph's list: before its end, deactivated; otherwise its time ran out.
    const early = nowMs < watched.endMs - MINUTE;
    if (early) endMoved.push({ key, endMs: watched.endMs });
    events.push({
      id: `ended:${key}:${watched.endMs}`,
      kind: 'ended',
      ...base(key, watched),
      endMs: watched.endMs,
      early,
    });
  }

  for (const [requestId, request] of Object.entries(prev.pending)) {
    if (pending[requestId]) continue;
    const nowActive = activations[request.key];
    if (!nowActive)
      events.push({ id: `pendingGone:${requestId}`, kind: 'pendingGone', ...base(request.key, request), requestId });
  }

  // Approval polling: only while something waits for a decision, backing off.
  const anyPending = Object.keys(pending).length > 0;
  const newPending = Object.keys(pending).some((id) => !prev.pending[id]);
  let pendingPolls = anyPending ? (newPending ? 0 : prev.pendingPolls) : 0;
  let nextPendingPollMs = anyPending ? prev.nextPendingPollMs : null;
  if (anyPending && (newPending || nextPendingPollMs === null)) {
    nextPendingPollMs = nowMs + (PENDING_POLL_MINUTES[0] ?? 1) * MINUTE;
  } else if (anyPending && nextPendingPollMs !== null && nowMs >= nextPendingPollMs) {
    refreshDue = true;
    pendingPolls += 1;
    const step = PENDING_POLL_MINUTES[Math.min(pendingPolls, PENDING_POLL_MINUTES.length - 1)] ?? 15;
    nextPendingPollMs = nowMs + step * MINUTE;
  }
  if (nextPendingPollMs !== null) wakes.push(nextPendingPollMs);

  // Still listed, the announcement stays true; still running with the end it named, the warning
  // does. (An activation Graph holds past its end, the last owner, keeps its entry with that end:
  // it is still active, but its warning goes at the end all the same.)
  const withdrawn = Object.entries(prev.activations)
    .flatMap(([key, before]) => {
      const after = activations[key];
      return [
        ...(after && sameActivation(after, before) ? [] : [activatedId(key, before.startMs)]),
        ...(after?.endMs === before.endMs && before.endMs > nowMs ? [] : [expiringId(key, before.endMs)]),
      ];
    })
    .filter((id) => prev.notified[id] !== undefined);

  const notified = Object.fromEntries(
    Object.entries(prev.notified).filter(([, at]) => nowMs - at < NOTIFIED_RETENTION_MS),
  );
  const unsaid = events.filter((e) => notified[e.id] === undefined);
  for (const e of unsaid) notified[e.id] = nowMs;

  return {
    state: {
      accountId: snapshot.accountId,
      activations,
      pending,
      scheduled,
      notified,
      pendingPolls,
      nextPendingPollMs,
    },
    events: unsaid,
    refreshDue,
    nextWakeMs: wakes.length ? Math.min(...wakes) : null,
    withdrawn,
    endMoved,
  };
}
