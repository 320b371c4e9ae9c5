import { listAlarms } from '../platform/alarms.ts';
import { clearBadge, readBadge, showBadge } from '../platform/badge.ts';
import { diagnosticsItem } from '../platform/items.ts';
import { activeNotificationIds, notify } from '../platform/notifications.ts';
import { pollApprovals } from './approvals.ts';
import { pruneHistoryNow } from './history.ts';
import { onNotificationButton, onNotificationClick, signOutAndIn } from './notification-actions.ts';
import { omniboxSuggestions, openFromOmnibox } from './omnibox.ts';
import { runReactivation } from './reactivation.ts';
import { prefetchRequirements } from './requirements.ts';
import { tick } from './watcher.ts';

/**
 * The worker's own functions, reachable from its DevTools console (and from the e2e tests through
 * `worker.evaluate`) as `self.pim`. Only code running inside this service worker can see it: web
 * pages and other extensions cannot. It adds no behaviour, it only names what the features use.
 */
export function exposeForInspection(): void {
  Object.assign(globalThis, {
    pim: {
      readBadge,
      showBadge,
      clearBadge,
      listAlarms,
      notify,
      activeNotificationIds,
      diagnostics: diagnosticsItem.get,
      tick,
      onNotificationButton,
      onNotificationClick,
      pollApprovals,
      signOutAndIn,
      runReactivation,
      omniboxSuggestions,
      openFromOmnibox,
      pruneHistoryNow,
      prefetchRequirements,
    },
  });
}
