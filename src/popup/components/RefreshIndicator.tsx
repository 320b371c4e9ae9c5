import { formatAgo, formatMoment, type Zone } from '../../core/format.ts';
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

/** "Refreshing…", "Updated 3 minutes ago", or "Showing data from 10:42; <why the refresh failed>". */
export function refreshText(props: RefreshIndicatorProps): {
  text: string;
  state: 'refreshing' | 'error' | 'ok' | 'none';
} {
  const { status, inFlight, replyError, dataFromMs, localNowMs, zone } = props;
  if (status.refreshing || inFlight) return { text: t('popupRefreshing'), state: 'refreshing' };
  const error = status.error ?? replyError;
  if (error) {
    const text = dataFromMs ? t('popupStale', formatMoment(dataFromMs, localNowMs, zone), error) : error;
    return { text, state: 'error' };
  }
  if (dataFromMs) return { text: t('popupUpdated', formatAgo(dataFromMs, localNowMs, zone.locale)), state: 'ok' };
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
