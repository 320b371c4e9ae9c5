import { formatAgo, formatMoment, type Zone } from '../../core/format/time.ts';
import type { RefreshStatus } from '../../core/pim-state.ts';
import { t } from '../../platform/i18n.ts';

export interface RefreshIndicatorProps {
  status: RefreshStatus;
  /** A refresh this popup asked for is under way. */
  inFlight: boolean;
  replyError: string | undefined;
  /** Local time the shown data was read (the status's, else the snapshot's); 0 = unknown. */
  dataFromMs: number;
  localNowMs: number;
  zone: Zone;
}

/** "Refreshing…", "Updated 3 minutes ago" (and how many items could not be read), or "Showing data from 10:42; <why the refresh failed>". */
export function refreshText(props: RefreshIndicatorProps): {
  text: string;
  state: 'refreshing' | 'error' | 'partial' | 'ok' | 'none';
} {
  const { status, inFlight, replyError, dataFromMs, localNowMs, zone } = props;
  if (status.refreshing || inFlight) return { text: t('popupRefreshing'), state: 'refreshing' };
  const error = status.error ?? replyError;
  if (error) {
    const text = dataFromMs ? t('popupStale', formatMoment(dataFromMs, localNowMs, zone), error) : error;
    return { text, state: 'error' };
  }
  if (dataFromMs) {
    const ago = formatAgo(dataFromMs, localNowMs, zone.locale);
    const n = status.unreadable ?? 0;
    if (n === 0) return { text: t('popupUpdated', ago), state: 'ok' };
    // Said, not hidden: the list is short of what Graph holds for the user.
    const left = n === 1 ? t('popupItemUnreadable') : t('popupItemsUnreadable', String(n));
    return { text: t('popupUpdatedPartial', ago, left), state: 'partial' };
  }
  return { text: '', state: 'none' };
}

export function RefreshIndicator(props: RefreshIndicatorProps) {
  const { text, state } = refreshText(props);
  return (
    <p class="refresh-status" data-state={state}>
      {text}
    </p>
  );
}
