import { formatMoment } from '../core/format/time.ts';
import type { ActivationOutcome, GroupItem } from '../core/pim-state.ts';
import { t } from '../platform/i18n.ts';
import { uiLanguage } from '../platform/locale.ts';

/** Puts a sentence in the popup's one polite live region. */
export type Announce = (text: string) => void;

const zone = () => ({ locale: uiLanguage() });

export function outcomeAnnouncement(item: GroupItem, outcome: ActivationOutcome, nowMs: number): string {
  const group = item.groupName;
  switch (outcome.status) {
    case 'active':
      return outcome.endMs === null
        ? t('popupAnnounceActiveOpen', group)
        : t('popupAnnounceActive', group, formatMoment(outcome.endMs, nowMs, zone()));
    case 'pendingApproval':
      return t('popupAnnouncePending', group);
    case 'scheduled':
      return t('popupAnnounceScheduled', group, formatMoment(outcome.startMs, nowMs, zone()));
    case 'alreadyActive':
      return t('popupAnnounceAlready', group);
  }
}

export const doneAnnouncement = (item: GroupItem, kind: 'deactivate' | 'cancel'): string =>
  t(kind === 'deactivate' ? 'popupAnnounceDeactivated' : 'popupAnnounceCancelled', item.groupName);

export const failureAnnouncement = (item: GroupItem, message: string): string =>
  t('popupAnnounceFailed', item.groupName, message);
