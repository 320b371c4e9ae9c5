import { useMemo, useState } from 'preact/hooks';
import { ACCESS_LABEL } from '../../core/access.ts';
import { formatMinutes } from '../../core/format/duration.ts';
import { formatDateTime, type Zone } from '../../core/format/time.ts';
import type { HistoryEntry } from '../../core/history.ts';
import { t } from '../../platform/i18n.ts';
import { OUTCOME_TEXT } from './csv-text.ts';

type Order = 'newest' | 'oldest';

/**
 * The history as a table: a real `<table>` with a caption and column headers, so screen readers
 * announce each cell with its column. The Requested column sorts (its header carries `aria-sort`).
 */
export function HistoryTable(props: { entries: readonly HistoryEntry[]; zone: Zone }) {
  const { entries, zone } = props;
  const [order, setOrder] = useState<Order>('newest');
  const rows = useMemo(
    () =>
      [...entries].sort((a, b) =>
        order === 'newest' ? b.requestedAtMs - a.requestedAtMs : a.requestedAtMs - b.requestedAtMs,
      ),
    [entries, order],
  );
  return (
    <div class="history__scroll">
      <table class="history__table">
        <caption class="visually-hidden">
          {t(order === 'newest' ? 'historyTableCaption' : 'historyTableCaptionOldest')}
        </caption>
        <thead>
          <tr>
            <th scope="col" aria-sort={order === 'newest' ? 'descending' : 'ascending'}>
              <button
                type="button"
                class="history__sort"
                aria-label={t(order === 'newest' ? 'historySortNewest' : 'historySortOldest')}
                onClick={() => setOrder(order === 'newest' ? 'oldest' : 'newest')}
              >
                {t('historyColRequested')} <span aria-hidden="true">{order === 'newest' ? '↓' : '↑'}</span>
              </button>
            </th>
            <th scope="col">{t('historyColGroup')}</th>
            <th scope="col">{t('historyColAccess')}</th>
            <th scope="col">{t('historyColStart')}</th>
            <th scope="col">{t('historyColDuration')}</th>
            <th scope="col">{t('historyColJustification')}</th>
            <th scope="col">{t('historyColTicket')}</th>
            <th scope="col">{t('historyColOutcome')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.requestedAtMs, zone)}</td>
              <th scope="row">{e.groupName}</th>
              <td>{t(ACCESS_LABEL[e.accessId])}</td>
              <td>{formatDateTime(e.startMs, zone)}</td>
              <td>{formatMinutes(e.durationMinutes, zone.locale)}</td>
              <td class="history__text">{e.justification}</td>
              <td>{[e.ticketSystem, e.ticketNumber].filter(Boolean).join(' ')}</td>
              <td>
                {t(OUTCOME_TEXT[e.outcome])}
                {e.error && <span class="history__error">{e.error}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
