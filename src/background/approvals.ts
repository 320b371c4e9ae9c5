import { activeAccount } from '../auth/accounts.ts';
import { SCOPES } from '../auth/scopes.ts';
import { type ApprovalItem, buildApprovalItems, closedStage, newArrivals } from '../core/approvals.ts';
import { formatMinutes } from '../core/format/duration.ts';
import { closedStageSentence } from '../core/graph-errors.ts';
import { AppError } from '../core/result.ts';
import { approvesAnything, decideApproval, readApproval, readApproverData } from '../graph/approvals.ts';
import { GraphCallOptions } from '../graph/call-options.ts';
import { cancelAlarm, scheduleAlarm } from '../platform/alarms.ts';
import { APPROVALS_MAX, approvalsItem, approverReasonsItem } from '../platform/approval-items.ts';
import { t } from '../platform/i18n.ts';
import { uiLanguage } from '../platform/locale.ts';
import { log } from '../platform/log.ts';
import { readNotificationSettings } from '../platform/managed-settings.ts';
import { clearNotification, notify } from '../platform/notifications.ts';
import { accessText } from './badge.ts';
import { describeFailure } from './failures.ts';
import { graphClient } from './graph.ts';
import { serverNow } from './server-time.ts';

// The approver's side: which requests wait on the user, a notification when one arrives, and the
// decision. Polling follows the watcher's rule (one alarm, only while there is something to watch):
// a user who approves nothing has no alarm at all, and is asked again only when a refresh happens
// anyway, at most once per APPROVER_CHECK_MS.

export const APPROVALS_ALARM = 'approvals:poll';
/**
 * Between two reads of the waiting list while the user is an approver: requests wait up to 24 hours,
 * so five minutes costs a requester little; an open popup reads at once.
 */
export const APPROVALS_POLL_MINUTES = 5;
/**
 * How long "approves nothing" is believed (local clock): a day, the length of an approval window, so
 * a newly named approver is found by the first refresh the next day at the latest (any opening of
 * the popup refreshes). An approver is re-checked too, so one taken off every policy stops polling.
 */
export const APPROVER_CHECK_MS = 24 * 60 * 60_000;
const NOTIFICATION_PREFIX = 'approval:';
const read = new GraphCallOptions(SCOPES.read, false);

/** How polling and deciding reach Microsoft Graph: the one part a test answers itself. */
export interface ApprovalsGraph {
  client: typeof graphClient;
  approvesAnything: typeof approvesAnything;
  readApproverData: typeof readApproverData;
  readApproval: typeof readApproval;
  decideApproval: typeof decideApproval;
}

const GRAPH: ApprovalsGraph = { client: graphClient, approvesAnything, readApproverData, readApproval, decideApproval };

let inflight: Promise<void> | undefined;

/**
 * How many requests this worker has taken off the list (decided, or gone on a 403, 404 or 409). A
 * poll whose read left before one may answer with it still waiting: it is not stored (the popup
 * would offer to decide it again, and get a 409), and the drop's own poll reads again after it,
 * as a refresh does after an operation (refresh.ts).
 */
let drops = 0;

/**
 * Reads the waiting list (or first whether there can be one); shared by concurrent callers. `fresh`:
 * a read that leaves after this call, so one under way is waited for and then read again.
 */
export async function pollApprovals(
  request: { force?: boolean; fresh?: boolean } = {},
  graph: ApprovalsGraph = GRAPH,
): Promise<void> {
  if (request.fresh && inflight) await inflight;
  inflight ??= run(request.force === true, graph)
    .catch((error: unknown) => log.warn('approvals', 'poll failed', error))
    .finally(() => {
      inflight = undefined;
    });
  return inflight;
}

async function run(force: boolean, graph: ApprovalsGraph): Promise<void> {
  const account = await activeAccount();
  if (!account) return forget();
  const stored = await approvalsItem.get();
  const mine = stored?.accountId === account.id ? stored : null;
  const client = await graph.client();
  let isApprover = mine?.isApprover ?? false;
  let checkedAtMs = mine?.checkedAtMs ?? 0;
  if (force || !mine || Date.now() - checkedAtMs >= APPROVER_CHECK_MS) {
    isApprover = await graph.approvesAnything(client, read);
    checkedAtMs = Date.now();
  }
  if (!isApprover) {
    await cancelAlarm(APPROVALS_ALARM);
    await clearShown(mine?.items ?? [], []);
    await approvalsItem.set({
      accountId: account.id,
      isApprover,
      checkedAtMs,
      fetchedAtMs: null,
      items: [],
      notified: [],
    });
    return;
  }
  // Set before the read, so a failed read (offline, throttled) is tried again at the next poll.
  await scheduleAlarm(APPROVALS_ALARM, Date.now() + APPROVALS_POLL_MINUTES * 60_000);
  const dropsBefore = drops;
  const data = await graph.readApproverData(client, read);
  const now = await serverNow();
  const items = buildApprovalItems(data.requests, data.stages, now, {
    group: (groupId) => t('groupNameUnavailable', groupId),
    requester: t('approvalUnknownRequester'),
  }).slice(0, APPROVALS_MAX);
  // The account may have changed meanwhile: never store one account's list as another's.
  if ((await activeAccount())?.id !== account.id) return;
  // A request was taken off the list meanwhile: this read may predate it, and the next one follows.
  if (drops !== dropsBefore) return;
  const notified = mine?.notified ?? [];
  await approvalsItem.set({
    accountId: account.id,
    isApprover,
    checkedAtMs,
    fetchedAtMs: now,
    items,
    notified: items.map((i) => i.id),
  });
  await clearShown(mine?.items ?? [], items);
  // Counted as notified either way: turning the setting on later does not bring back old arrivals.
  const arrivals = newArrivals(items, notified);
  if (arrivals.length > 0 && (await readNotificationSettings()).value.waitingOnYou) {
    for (const item of arrivals) await announce(item);
  }
}

/** Signed out (or no account): nothing waits on anyone here, and no alarm runs for it. */
async function forget(): Promise<void> {
  const stored = await approvalsItem.get();
  await cancelAlarm(APPROVALS_ALARM);
  if (stored) {
    await clearShown(stored.items, []);
    await approvalsItem.set(null);
  }
}

/**
 * An account signed out (`accountId`) or switched away from (none): the requests waiting on it
 * (requesters' names, their reasons) and their notifications go at once, not at the next poll,
 * which a user who approves nothing has only once a day.
 */
export async function forgetApprovals(accountId?: string): Promise<void> {
  const stored = await approvalsItem.get();
  if (accountId && stored && stored.accountId !== accountId) return;
  await forget();
}

const notificationId = (item: Pick<ApprovalItem, 'id'>) => `${NOTIFICATION_PREFIX}${item.id}`;

/** A request that left the list (decided, expired, withdrawn) takes its notification with it. */
async function clearShown(before: readonly ApprovalItem[], now: readonly ApprovalItem[]): Promise<void> {
  const still = new Set(now.map((i) => i.id));
  for (const item of before) if (!still.has(item.id)) await clearNotification(notificationId(item));
}

/** "Adele Vance asks for SG-Billing" with an Open button; deciding happens only in the popup. */
async function announce(item: ApprovalItem): Promise<void> {
  const access = accessText(item.accessId);
  const message =
    item.durationMinutes === null
      ? t('notifyApprovalBodyNoDuration', access)
      : t('notifyApprovalBody', access, formatMinutes(item.durationMinutes, uiLanguage()));
  await notify(notificationId(item), {
    title: t('notifyApprovalTitle', item.requesterName, item.groupName),
    message: item.justification ? `${message}\n${item.justification}` : message,
    buttons: [t('notifyApprovalOpen')],
  });
}

/** Whether a notification id is one of ours (its button and body both open the popup). */
export const isApprovalNotification = (id: string): boolean => id.startsWith(NOTIFICATION_PREFIX);

export interface DecisionRequest {
  approvalId: string;
  decision: 'Approve' | 'Deny';
  justification: string;
}

/**
 * Decides the stage waiting on the user. The stage id comes from the stored list, never from the
 * page. On 409 the stage is read again to say who decided first, or that the 24 hours ran out; on
 * 403 (no longer an approver), 404 and 409 the request leaves the list.
 */
export async function decide(request: DecisionRequest, graph: ApprovalsGraph = GRAPH): Promise<undefined> {
  const stored = await approvalsItem.get();
  const item = stored?.items.find((i) => i.id === request.approvalId);
  if (!stored || !item) throw new AppError('approval-gone', t('graphErrorRequestGone'));
  const justification = request.justification.trim();
  const client = await graph.client();
  try {
    // The write scope is asked for here, on the first decision (incremental consent), as activation does.
    await graph.decideApproval(
      client,
      { approvalId: item.id, stageId: item.stageId, reviewResult: request.decision, justification },
      new GraphCallOptions(SCOPES.write, true),
    );
  } catch (error) {
    const failure = describeFailure(error, {
      operation: 'approve',
      groupName: item.groupName,
      accessId: item.accessId,
    });
    if (failure.kind === 'conflict') {
      const stages = await graph.readApproval(client, item.id, read).catch(() => []);
      const sentence = closedStageSentence(closedStage(stages.find((s) => s.id === item.stageId) ?? stages[0]));
      await drop(item.id, graph);
      throw new AppError('approval-closed', t(sentence.key, ...sentence.substitutions));
    }
    if (failure.kind === 'permission' || failure.kind === 'notFound') await drop(item.id, graph);
    throw new AppError(failure.code, failure.message);
  }
  if (justification) await rememberReason(justification);
  await drop(item.id, graph);
  return undefined;
}

/**
 * Takes one request off the stored list (and its notification off the screen), then reads the list
 * again once a read under way, which may predate this, has ended (see `drops`).
 */
async function drop(id: string, graph: ApprovalsGraph): Promise<void> {
  drops += 1;
  const stored = await approvalsItem.get();
  if (stored) {
    await approvalsItem.set({ ...stored, items: stored.items.filter((i) => i.id !== id) });
    await clearNotification(notificationId({ id }));
  }
  void pollApprovals({ fresh: true }, graph);
}

async function rememberReason(reason: string): Promise<void> {
  const recent = await approverReasonsItem.get();
  await approverReasonsItem.set([reason.slice(0, 500), ...recent.filter((r) => r !== reason)].slice(0, 10));
}
