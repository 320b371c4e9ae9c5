import { ACCESS_LABEL } from '../../core/access.ts';
import type { HistoryOutcome } from '../../core/history.ts';
import type { HistoryCsvText } from '../../core/history-csv.ts';
import { type MessageKey, t } from '../../platform/i18n.ts';

export const OUTCOME_TEXT: Record<HistoryOutcome, MessageKey> = {
  active: 'historyOutcomeActive',
  pendingApproval: 'historyOutcomePendingApproval',
  scheduled: 'historyOutcomeScheduled',
  alreadyActive: 'historyOutcomeAlreadyActive',
  approved: 'historyOutcomeApproved',
  denied: 'historyOutcomeDenied',
  failed: 'historyOutcomeFailed',
  cancelled: 'historyOutcomeCancelled',
  deactivated: 'historyOutcomeDeactivated',
};

/** The export's headings and values in the user's language. */
export function csvText(): HistoryCsvText {
  return {
    headings: {
      requestedAt: t('historyColRequested'),
      group: t('historyColGroup'),
      groupId: t('historyCsvGroupId'),
      access: t('historyColAccess'),
      start: t('historyColStart'),
      durationMinutes: t('historyCsvDurationMinutes'),
      justification: t('historyColJustification'),
      ticketSystem: t('historyCsvTicketSystem'),
      ticketNumber: t('historyCsvTicketNumber'),
      outcome: t('historyColOutcome'),
      error: t('historyCsvError'),
    },
    access: { member: t(ACCESS_LABEL.member), owner: t(ACCESS_LABEL.owner) },
    outcome: Object.fromEntries(Object.entries(OUTCOME_TEXT).map(([outcome, key]) => [outcome, t(key)])) as Record<
      HistoryOutcome,
      string
    >,
  };
}
