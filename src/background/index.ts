// The service worker's entry: it only wires listeners. Every listener is registered synchronously
// at start, so an event that wakes a stopped worker (alarm, message, install) finds its handler.
import { forgetTokens, warmToken } from '../auth/client.ts';
import { SCOPES } from '../auth/scopes.ts';
import { onAlarm, startAlarmDispatch } from '../platform/alarms.ts';
import { approvalsItem } from '../platform/approval-items.ts';
import { watchConnection } from '../platform/connection.ts';
import { redeemForPage } from '../platform/deep-links.ts';
import { t } from '../platform/i18n.ts';
import { accountsItem } from '../platform/items.ts';
import { onBrowserStartup, onInstalled } from '../platform/lifecycle.ts';
import { NOTIFICATION_ITEMS, RETENTION_ITEMS, watchAll } from '../platform/managed-settings.ts';
import { listenForMessages } from '../platform/messages.ts';
import { migrate } from '../platform/migrations.ts';
import { onNotificationAction } from '../platform/notifications.ts';
import { listenForOmnibox } from '../platform/omnibox.ts';
import { partialListItem } from '../platform/partial-list-item.ts';
import { clockOffsetItem, listHeadItem, snapshotItem } from '../platform/pim-items.ts';
import { activate } from './activation.ts';
import { decide, pollApprovals } from './approvals.ts';
import { popupRefreshWith } from './click-path.ts';
import { cancelRequest, deactivate } from './deactivation.ts';
import { exposeForInspection } from './debug.ts';
import { recordEvent } from './diagnostics.ts';
import { clearHistory, HISTORY_ALARM, pruneHistoryNow } from './history.ts';
import { recoverInterrupted } from './interrupted.ts';
import { onNotificationButton, onNotificationClick } from './notification-actions.ts';
import { omniboxSuggestions, openFromOmnibox } from './omnibox.ts';
import { dismiss, settleInterrupted } from './operations.ts';
import { applyPreset, settleInterruptedRuns } from './presets.ts';
import {
  cancelReactivation,
  dropAllReactivations,
  dropOtherAccountsReactivations,
  REACTIVATE_ALARM,
  restoreReactivationAlarms,
  runReactivation,
} from './reactivation.ts';
import { onListRead, refresh } from './refresh.ts';
import { checkActivation, checkDecision, checkItem, checkKey, checkRequest } from './request-checks.ts';
import { requirementsForPage } from './requirements.ts';
import { getAuthState, signIn, signOut, switchAccount } from './session.ts';
import { saveNotificationSettings } from './settings.ts';
import { getStatus } from './status.ts';
import { reconcileUnanswered, UNANSWERED_ALARM } from './unanswered.ts';
import { tick } from './watcher.ts';

// Every delivered alarm leaves a trace, so support and the idle-cost benchmark see each wake-up.
startAlarmDispatch((alarm) => void recordEvent({ kind: 'alarm', name: alarm.name }));
// Queued before any message can start an operation: what is "running" now was the last worker's.
void recoverInterrupted();
// Requests a stopped worker (or a closed browser) sent: their outcomes go to the history.
void reconcileUnanswered();
onListRead(() => reconcileUnanswered());
onListRead(settleInterrupted);
onListRead(settleInterruptedRuns);
// Approvals ride on every list read: no wake-up of their own for a user who approves nothing.
onListRead(() => pollApprovals());
listenForMessages({
  getStatus,
  getAuthState,
  signIn,
  signOut,
  switchAccount,
  // Off the click path: what a click after this open would otherwise wait for (click-path.ts).
  refresh: popupRefreshWith(refresh, () => warmToken(SCOPES.write)),
  // Ids are checked before they can reach a Graph URL or `$filter` (request-checks.ts).
  getRequirements: (request) => requirementsForPage(checkItem(request).groupId, request.accessId),
  activate: (request) => activate(checkActivation(request)),
  deactivate: (request) => deactivate(checkItem(request)),
  cancelRequest: (request) => cancelRequest(checkRequest(request)),
  dismiss: (request) => dismiss(checkKey(request)),
  applyPreset,
  cancelReactivation,
  clearHistory,
  saveNotificationSettings,
  redeemDeepLink: redeemForPage,
  decideApproval: (request) => decide(checkDecision(request)),
});
onInstalled(() => void migrate());
// The popup's first screen of the list holds only for the list stored with the stamp it names, and
// a release before it wrote lists without a stamp: after any install or update, none is trusted.
onInstalled(() => void listHeadItem.remove());
// Tokens belong to one tenant and app registration: a settings change drops them.
watchConnection(() => {
  forgetTokens();
  void dropAllReactivations();
});
// A queued re-activation belongs to the account that asked: sign-out or a switch drops it.
accountsItem.watch(() => void dropOtherAccountsReactivations());

// `diag:probe` alarms do nothing but leave their trace: support can schedule one to check that alarms wake the worker.
onAlarm('diag', () => undefined);
onAlarm('watch', () => tick());
onAlarm(REACTIVATE_ALARM, (alarm) => runReactivation(alarm.name.slice(REACTIVATE_ALARM.length + 1)));
onAlarm(HISTORY_ALARM, () => pruneHistoryNow());
onAlarm(UNANSWERED_ALARM, () => reconcileUnanswered());
onAlarm('approvals', () => pollApprovals());
onNotificationAction({
  button: (id, index) => void onNotificationButton(id, index),
  click: (id) => void onNotificationClick(id),
});
listenForOmnibox({ changed: omniboxSuggestions, entered: openFromOmnibox }, t('omniboxDefault'));
// The watcher follows the list, Graph's clock, the settings (the user's and the policy's) and the active account.
for (const item of [snapshotItem, partialListItem, clockOffsetItem, accountsItem, approvalsItem])
  item.watch(() => void tick());
watchAll(NOTIFICATION_ITEMS, () => void tick());
// A shorter retention (the user's or the policy's) applies at once.
watchAll(RETENTION_ITEMS, () => void pruneHistoryNow());
onBrowserStartup(() => void refresh({ force: true }));
// Alarms may not outlive an update or a browser restart (Chrome's alarms reference): each one is
// set again where it went. The watcher's by its step below, the approvals' by the next list read,
// the unanswered requests' by their reconciling above; these two here.
void restoreReactivationAlarms();
onInstalled(() => void pruneHistoryNow());
onBrowserStartup(() => void pruneHistoryNow());

exposeForInspection();
void recordEvent({ kind: 'worker-start' });
// Correct at once after the worker (or the browser, or a sleeping machine) wakes.
void tick();
