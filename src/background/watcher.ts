import { activeAccountId } from '../auth/accounts.ts';
import { SCOPES } from '../auth/scopes.ts';
import { isPartialList } from '../core/partial-list.ts';
import { type WatchEvent, watchStep } from '../core/watch.ts';
import { GraphCallOptions } from '../graph/call-options.ts';
import { readScheduleRequest } from '../graph/pim.ts';
import { cancelAlarm, scheduleAlarm } from '../platform/alarms.ts';
import { approvalsItem } from '../platform/approval-items.ts';
import { t } from '../platform/i18n.ts';
import { log } from '../platform/log.ts';
import { readNotificationSettings } from '../platform/managed-settings.ts';
import { clearNotification, notify } from '../platform/notifications.ts';
import { partialListItem } from '../platform/partial-list-item.ts';
import { snapshotItem, watchStateItem } from '../platform/pim-items.ts';
import { announce } from './announce.ts';
import { accessText, renderBadge } from './badge.ts';
import { graphClient } from './graph.ts';
import { recordLater } from './history.ts';
import { dropReactivationFor, takeReactivated, tellEndMoved } from './reactivation.ts';
import { refresh } from './refresh.ts';
import { localTimeOf, serverNow } from './server-time.ts';

// The background's watch: after every change of the list, of Graph's clock or of the settings, and
// at the one alarm it keeps, it redraws the badge, notifies about what happened, and sets the
// alarm for the next moment anything can change. Nothing active or pending: no alarm at all.

export const WATCH_ALARM = 'watch:next';

let queue: Promise<void> = Promise.resolve();

/** Runs one watch step; steps never overlap (a burst of storage changes queues them). */
export function tick(): Promise<void> {
  queue = queue.then(step).catch((error: unknown) => log.error('watch', 'step failed', error));
  return queue;
}

async function step(): Promise<void> {
  const [snapshot, previous, { value: settings }, accountId, now, approvals, partial] = await Promise.all([
    snapshotItem.get(),
    watchStateItem.get(),
    readNotificationSettings(),
    activeAccountId(),
    serverNow(),
    approvalsItem.get(),
    partialListItem.get(),
  ]);
  // Only the active account's list counts; another's (mid-switch) is as good as none.
  const mine = snapshot && snapshot.accountId === accountId ? snapshot : null;
  // The first pages of a read, more to come (issue 19): not known yet. A group on a later page is
  // not "ended", nor its badge count gone; everything stays as the last complete list left it
  // until the complete one is stored and the name cleared (each wakes this step again: index.ts).
  if (isPartialList(mine, partial)) return;
  const result = watchStep(previous, mine, now, { expiringLeadMinutes: settings.expiringLeadMinutes });
  await watchStateItem.set(result.state);
  // Requests waiting on the user as approver, still inside their 24 hours (background/approvals.ts).
  const waiting = approvals?.accountId === accountId ? approvals.items.filter((i) => i.expiresMs > now).length : 0;
  const badgeChange = await renderBadge(mine?.items ?? [], now, waiting);
  await Promise.all(result.withdrawn.map(clearNotification));
  // A re-activation the user queued for an end that will not come is dropped, and the user told:
  // in the "was deactivated" notification, or on its own when the activation goes on to another end.
  const dropped = new Set<string>();
  for (const { key, endMs } of result.endMoved) if (await dropReactivationFor(key, endMs)) dropped.add(key);
  for (const key of dropped) {
    const newEndMs = result.state.activations[key]?.endMs;
    if (newEndMs !== undefined) await tellEndMoved(key, newEndMs);
  }
  for (const event of result.events) {
    if (event.kind === 'pendingGone') await explainPendingGone(event);
    else if (event.kind === 'activated' && event.cause === 'request' && (await takeReactivated(event.key)))
      await announce({ ...event, cause: 'reactivation' }, now);
    else await announce(event, now, event.kind === 'ended' && dropped.has(event.key));
    if (event.kind === 'activated' && event.cause === 'approval') await recordLater(targetOf(event), 'approved');
  }
  const wakes = [result.nextWakeMs, badgeChange].filter((w): w is number => w !== null);
  if (wakes.length) await scheduleAlarm(WATCH_ALARM, await localTimeOf(Math.min(...wakes)));
  else await cancelAlarm(WATCH_ALARM);
  if (result.refreshDue) void refresh({});
}

/** The item's group and access, for the history. */
const targetOf = (event: WatchEvent) => ({
  groupId: event.key.slice(0, event.key.lastIndexOf(':')),
  accessId: event.accessId,
});

/**
 * A pending request left the list without becoming active: if an approver denied it, the history
 * says so and, unless approval notifications are off, so does a notification. (One Graph read per
 * decided request.)
 */
async function explainPendingGone(event: Extract<WatchEvent, { kind: 'pendingGone' }>): Promise<void> {
  try {
    const request = await readScheduleRequest(
      await graphClient(),
      event.requestId,
      new GraphCallOptions(SCOPES.read, false),
    );
    if (request.status !== 'denied') return; // cancelled by the user, or approved and ended: nothing to add
    await recordLater(targetOf(event), 'denied');
    if (!(await readNotificationSettings()).value.approval) return;
    await notify(event.id, {
      title: t('notifyDeniedTitle', event.groupName),
      message: t('notifyDeniedBody', event.groupName, accessText(event.accessId)),
    });
  } catch (error) {
    log.warn('watch', 'could not read a decided request', error);
  }
}
