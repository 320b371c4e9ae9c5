import { activeAccountId } from '../auth/accounts.ts';
import { defaultDuration } from '../core/duration.ts';
import { formatMoment } from '../core/format/time.ts';
import type { AccessId, ActivationRequest } from '../core/pim-state.ts';
import { AppError } from '../core/result.ts';
import { SAME_ACTIVATION_MS } from '../core/watch.ts';
import { cancelAlarm, listAlarms, scheduleAlarm } from '../platform/alarms.ts';
import { t } from '../platform/i18n.ts';
import { uiLanguage } from '../platform/locale.ts';
import { managedDefaultDurationItem } from '../platform/managed-settings.ts';
import { clearNotification, notify } from '../platform/notifications.ts';
import { activationMemoryItem, reactivationsItem, snapshotItem, watchStateItem } from '../platform/pim-items.ts';
import { activate } from './activation.ts';
import { getRequirements } from './requirements.ts';
import { localTimeOf, serverNow } from './server-time.ts';
import { itemName } from './snapshot-store.ts';

// "Re-activate when it ends": PIM refuses a second activation while one runs, so it waits for the
// end. A queued one belongs to the account that asked and to one item; it is shown on that row in
// the popup, and dropped when the user cancels it, deactivates the item (here or elsewhere: the
// watcher sees it end early, or at another time), signs out, switches account or changes tenant.
// It is offered only where it can run without asking anything, and runs only close to its time.

export const REACTIVATE_ALARM = 'reactivate';
/**
 * How late a re-activation may still run: its alarm fires late when the browser was closed or the
 * computer asleep at the end (a missed alarm fires when the browser is back). Later than this it
 * would no longer continue the activation the user saw, and a privileged group is not activated
 * hours later with nobody there: the user is told instead.
 */
export const REACTIVATE_LATE_LIMIT_MS = 15 * 60_000;
const alarmName = (key: string) => `${REACTIVATE_ALARM}:${key}`;
/** The alarm fires a moment after the end: PIM takes a new activation only once the old one has ended. */
const alarmTime = (atMs: number) => localTimeOf(atMs + 5_000);
const queuedNotification = (key: string) => `reactivate-queued:${key}`;

function splitKey(key: string): { groupId: string; accessId: AccessId } {
  const at = key.lastIndexOf(':');
  return { groupId: key.slice(0, at), accessId: key.slice(at + 1) === 'owner' ? 'owner' : 'member' };
}

/**
 * Whether a re-activation of the item can run with nobody there: no approval to wait for, no ticket
 * (never remembered), no MFA or authentication context that may need a prompt, and a justification
 * remembered from the last activation if the policy asks for one.
 */
export async function reactivationPossible(key: string): Promise<boolean> {
  const { groupId, accessId } = splitKey(key);
  try {
    const [requirements, memory] = await Promise.all([getRequirements(groupId, accessId), activationMemoryItem.get()]);
    if (requirements.approval || requirements.ticket || requirements.mfa || requirements.authContext) return false;
    return !requirements.justification || Boolean(memory.perItem[key]?.justification);
  } catch {
    return false;
  }
}

/** The end of the item's activation as Graph's list has it, if the list holds it. */
async function listedEndMs(key: string): Promise<number | null | undefined> {
  return (await snapshotItem.get())?.items.find((i) => i.key === key)?.active?.endMs;
}

/**
 * The notification names the activation by the end the watcher first saw, which may be our own
 * record (the start we sent plus the length). Graph's instance starts when PIM provisioned it, so
 * its end can be a few seconds later; the later of the two is when a new activation can start.
 */
function queuedEnd(noticedEndMs: number, listedMs: number | null | undefined): number {
  if (typeof listedMs !== 'number' || Math.abs(listedMs - noticedEndMs) > SAME_ACTIVATION_MS) return noticedEndMs;
  return Math.max(listedMs, noticedEndMs);
}

/**
 * Whether the activation a warning named still runs for this account, as the watcher last saw it:
 * a warning left on screen (its activation ended, was deactivated or given another end, or another
 * account signed in since) must not queue anything.
 */
async function stillRunning(key: string, noticedEndMs: number, accountId: string): Promise<boolean> {
  const [watched, now] = await Promise.all([watchStateItem.get(), serverNow()]);
  return watched.accountId === accountId && watched.activations[key]?.endMs === noticedEndMs && noticedEndMs > now;
}

/** Queues it, unless it would need input or the warning is out of date: then false, and nothing queued. */
export async function queueReactivation(key: string, noticedEndMs: number): Promise<boolean> {
  const accountId = await activeAccountId();
  if (!accountId || !(await stillRunning(key, noticedEndMs, accountId))) return false;
  if (!(await reactivationPossible(key))) return false;
  const endMs = queuedEnd(noticedEndMs, await listedEndMs(key));
  await reactivationsItem.update((queued) => ({ ...queued, [key]: { accountId, atMs: endMs } }));
  await scheduleAlarm(alarmName(key), await alarmTime(endMs));
  const name = await itemName(key);
  await notify(queuedNotification(key), {
    title: name,
    message: t('notifyReactivateQueued', name, formatMoment(endMs, await serverNow(), { locale: uiLanguage() })),
  });
  return true;
}

async function drop(keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await reactivationsItem.update((queued) =>
    Object.fromEntries(Object.entries(queued).filter(([key]) => !keys.includes(key))),
  );
  await Promise.all(keys.flatMap((key) => [cancelAlarm(alarmName(key)), clearNotification(queuedNotification(key))]));
}

/**
 * Alarms go with an extension update, and with a browser restart in Firefox and in Chromium before
 * version 150 (Chrome's alarms reference: "make sure important alarms exist each time your service
 * worker starts up"). Each worker start sets again the alarm of every queued re-activation that
 * lost its own; one whose time has passed fires at once, as a missed alarm does.
 */
export async function restoreReactivationAlarms(): Promise<void> {
  const waiting = Object.entries(await reactivationsItem.get()).filter(([, entry]) => !entry.ran);
  if (waiting.length === 0) return;
  const armed = new Set((await listAlarms()).map((alarm) => alarm.name));
  // Woken by that very alarm (gone once it fired), this sets it again: it fires at once, and finds
  // its re-activation run or dropped (every handler is idempotent).
  for (const [key, entry] of waiting) {
    if (!armed.has(alarmName(key))) await scheduleAlarm(alarmName(key), await alarmTime(entry.atMs));
  }
}

/** The user cancelled it (popup), or deactivated the item: nothing is to run later. */
export async function cancelReactivation({ key }: { key: string }): Promise<undefined> {
  await drop([key]);
  return undefined;
}

/**
 * The activation a re-activation waits for will not end at `endMs` after all: it was deactivated
 * somewhere else (the admin center, another browser) or removed by an administrator, or Graph now
 * lists it with another end. What the user asked for was to follow that end, so nothing runs.
 * (Deactivated from the popup: `cancelReactivation`.) True when one was dropped: the user is told.
 */
export async function dropReactivationFor(key: string, endMs: number): Promise<boolean> {
  const entry = (await reactivationsItem.get())[key];
  if (!entry || entry.ran || Math.abs(entry.atMs - endMs) > SAME_ACTIVATION_MS) return false;
  await drop([key]);
  return true;
}

/**
 * Says that a queued re-activation was dropped because its activation now ends at `endMs` (an
 * administrator changed it): the user asked for something that will not happen. (One that ended
 * early is said in its own "was deactivated" notification: announce.ts.)
 */
export async function tellEndMoved(key: string, endMs: number): Promise<void> {
  const name = await itemName(key);
  const end = formatMoment(endMs, await serverNow(), { locale: uiLanguage() });
  await notify(`reactivate-dropped:${key}:${endMs}`, {
    title: name,
    message: t('notifyReactivateEndMoved', name, end),
  });
}

/** Sign-out, account switch, tenant change: only the active account's own re-activations stay. */
export async function dropOtherAccountsReactivations(): Promise<void> {
  const [queued, accountId] = await Promise.all([reactivationsItem.get(), activeAccountId()]);
  await drop(Object.keys(queued).filter((key) => !accountId || queued[key]?.accountId !== accountId));
}

/** A new tenant or app registration: every queued re-activation belonged to the old one. */
export async function dropAllReactivations(): Promise<void> {
  await drop(Object.keys(await reactivationsItem.get()));
}

async function tellFailed(key: string, reason: string): Promise<void> {
  const name = await itemName(key);
  await notify(`reactivate-failed:${key}`, { title: name, message: t('notifyReactivateFailed', name, reason) });
}

/** At the end of the activation: the same item again, with the settings the user last chose. */
export async function runReactivation(
  key: string,
  deps: { activate: (request: ActivationRequest) => Promise<unknown> } = { activate },
): Promise<void> {
  const queued = await reactivationsItem.get();
  const entry = queued[key];
  if (!entry || entry.ran) return; // already run, or dropped
  // A later end than the queued one's (beyond the rounding between our record and Graph's) is
  // another activation: the user activated it again (or it was made permanent) meanwhile.
  const listedMs = await listedEndMs(key);
  const activeAgain = listedMs === null || (listedMs !== undefined && listedMs > entry.atMs + SAME_ACTIVATION_MS);
  if (entry.accountId !== (await activeAccountId()) || activeAgain) {
    await drop([key]); // another account is signed in now, or the user activated it already
    return;
  }
  if ((await serverNow()) > entry.atMs + REACTIVATE_LATE_LIMIT_MS) {
    await drop([key]); // the alarm fired late: the browser was closed or the computer asleep at the end
    await tellFailed(key, t('notifyReactivateTooLate', String(REACTIVATE_LATE_LIMIT_MS / 60_000)));
    return;
  }
  // Claimed through the key's queue: a drop meanwhile wins, and a second alarm finds it ran.
  let claimed = false;
  await reactivationsItem.update((now) => {
    const current = now[key];
    if (!current || current.ran) return now;
    claimed = true;
    return { ...now, [key]: { ...current, ran: true } };
  });
  if (!claimed) return;
  await Promise.all([cancelAlarm(alarmName(key)), clearNotification(queuedNotification(key))]);
  try {
    if (!(await reactivationPossible(key))) throw new AppError('needs-input', t('notifyReactivateNeedsInput'));
    const { groupId, accessId } = splitKey(key);
    const memory = (await activationMemoryItem.get()).perItem[key];
    const requirements = await getRequirements(groupId, accessId);
    // The announcement is the activation's own notification (the watcher's), which says "again".
    await deps.activate({
      groupId,
      accessId,
      durationMinutes: defaultDuration(
        requirements.maximumMinutes,
        memory?.durationMinutes,
        await managedDefaultDurationItem.get(),
      ),
      justification: memory?.justification ?? '',
    });
  } catch (error) {
    await drop([key]);
    await tellFailed(key, error instanceof AppError ? error.message : String(error));
  }
}

/** For the watcher: whether this item's new activation is a re-activation that ran (said once). */
export async function takeReactivated(key: string): Promise<boolean> {
  const entry = (await reactivationsItem.get())[key];
  if (!entry?.ran) return false;
  await drop([key]);
  return true;
}
