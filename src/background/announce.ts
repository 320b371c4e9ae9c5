import { formatMinutes } from '../core/format/duration.ts';
import { formatMoment } from '../core/format/time.ts';
import { lastOwnerSentence } from '../core/graph-errors.ts';
import type { WatchEvent } from '../core/watch.ts';
import { type MessageKey, t } from '../platform/i18n.ts';
import { uiLanguage } from '../platform/locale.ts';
import {
  type LockableNotification,
  readNotificationSettings,
  type NotificationSettings as Settings,
  staleAccessPrompt,
} from '../platform/managed-settings.ts';
import { type NotificationContent, notify } from '../platform/notifications.ts';
import { accessText } from './badge.ts';
import { reactivationPossible } from './reactivation.ts';

const ACTIVATED_TITLE: Record<Extract<WatchEvent, { kind: 'activated' }>['cause'], MessageKey> = {
  request: 'notifyActivatedTitle',
  approval: 'notifyApprovedTitle',
  schedule: 'notifyScheduledTitle',
  reactivation: 'notifyReactivatedTitle',
};

/**
 * Microsoft's advice after a membership change, with its buttons, unless the user turned it off for
 * this item; without "Don't ask for this group" when the organisation's policy sets the advice.
 */
function staleAccess(
  settings: Settings,
  locked: ReadonlySet<LockableNotification>,
  key: string,
): Pick<NotificationContent, 'buttons'> & { extra: string } {
  const prompt = staleAccessPrompt({ value: settings, locked }, key);
  if (prompt === 'off' || prompt === 'optedOut') return { extra: '' };
  const buttons = prompt === 'required' ? [t('notifySignOutIn')] : [t('notifySignOutIn'), t('notifyStaleOptOut')];
  return { extra: ` ${t('notifyStaleAccess')}`, buttons };
}

/** The notification for a watcher event, or undefined when the user switched that kind off. */
export function notificationFor(
  event: WatchEvent,
  settings: Settings,
  nowMs: number,
  locked: ReadonlySet<LockableNotification> = new Set(),
  /** "Re-activate when it ends" is offered only where it can run without asking anything (see reactivation.ts). */
  reactivationPossible = false,
  /** An 'ended' event whose queued re-activation was dropped with it: said even when "ended" is off. */
  reactivationDropped = false,
): NotificationContent | undefined {
  const locale = uiLanguage();
  const access = accessText(event.accessId);
  switch (event.kind) {
    case 'activated': {
      const enabled = event.cause === 'approval' ? settings.approval : settings.activated;
      const stale = staleAccess(settings, locked, event.key);
      if (!enabled && !stale.extra) return undefined;
      const title = t(ACTIVATED_TITLE[event.cause], event.groupName);
      const until =
        event.endMs === null ? '' : t('notifyActiveUntil', access, formatMoment(event.endMs, nowMs, { locale }));
      return { title, message: `${until}${stale.extra}`.trim(), ...(stale.buttons ? { buttons: stale.buttons } : {}) };
    }
    case 'expiringSoon':
      if (!settings.expiring) return undefined;
      return {
        title: t('notifyExpiringTitle', event.groupName, formatMoment(event.endMs, nowMs, { locale })),
        message: t('notifyExpiringBody', access, formatMinutes((event.endMs - nowMs) / 60_000, locale)),
        ...(reactivationPossible ? { buttons: [t('notifyReactivate')] } : {}),
        requireInteraction: true,
      };
    case 'ended': {
      const stale = staleAccess(settings, locked, event.key);
      if (!settings.ended && !stale.extra && !reactivationDropped) return undefined;
      const dropped = reactivationDropped ? ` ${t('notifyReactivateDropped')}` : '';
      return {
        title: t(event.early ? 'notifyDeactivatedTitle' : 'notifyEndedTitle', event.groupName),
        message: `${t('notifyEndedBody', access)}${dropped}${stale.extra}`,
        ...(stale.buttons ? { buttons: stale.buttons } : {}),
      };
    }
    case 'stillActive': {
      const sentence = lastOwnerSentence(event.groupName);
      return {
        title: t('notifyStillActiveTitle', event.groupName),
        message: t(sentence.key, ...sentence.substitutions),
      };
    }
    case 'pendingGone':
      return undefined; // the background asks Graph first (see watcher.ts)
  }
}

export async function announce(event: WatchEvent, nowMs: number, reactivationDropped = false): Promise<void> {
  const { value, locked } = await readNotificationSettings();
  const offer = event.kind === 'expiringSoon' && (await reactivationPossible(event.key));
  const content = notificationFor(event, value, nowMs, locked, offer, reactivationDropped);
  if (content) await notify(event.id, content);
}
