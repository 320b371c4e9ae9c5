import { useContext } from 'preact/hooks';
import { formatMoment, type Zone } from '../../core/format/time.ts';
import type { GroupItem } from '../../core/pim-state.ts';
import { MFA_UNMET, PIM_MY_GROUPS_URL } from '../../core/portal.ts';
import { t } from '../../platform/i18n.ts';
import { ActionsContext } from '../context.ts';
import type { OpView } from '../model.ts';

export interface RowNoticesProps {
  item: GroupItem;
  op: OpView | undefined;
  reactivateAtMs: number | undefined;
  /** The row's name for screen readers ("SG-Prod-SQL-Admins, member"). */
  phrase: string;
  tab: number;
  nowMs: number;
  zone: Zone;
}

/**
 * The lines under a row that only some rows have, each with one button: a queued re-activation
 * (Cancel) and a failure (Dismiss; for MFA that could not be had, a link to the portal). A button
 * and its line go away on click: the focus goes back to the row, not the page.
 */
export function RowNotices(props: RowNoticesProps) {
  const { item, op, reactivateAtMs, phrase, tab, nowMs, zone } = props;
  const actions = useContext(ActionsContext);
  return (
    <>
      {reactivateAtMs !== undefined && (
        <div class="row__queued">
          <p>{t('listReactivateQueued', formatMoment(reactivateAtMs, nowMs, zone))}</p>
          <button
            type="button"
            class="secondary"
            tabIndex={tab}
            aria-label={t('listReactivateCancelLabel', phrase)}
            onClick={(event) => {
              event.currentTarget.closest<HTMLElement>('li')?.focus();
              actions.cancelReactivation(item);
            }}
          >
            {t('listReactivateCancel')}
          </button>
        </div>
      )}
      {op?.phase === 'failed' && op.message && (
        <div class="row__error">
          <p>{op.message}</p>
          {op.code === MFA_UNMET && (
            <a href={PIM_MY_GROUPS_URL} target="_blank" rel="noopener noreferrer" tabIndex={tab}>
              {t('listOpenPortal')}
            </a>
          )}
          <button
            type="button"
            class="secondary"
            tabIndex={tab}
            aria-label={t('listDismissLabel', phrase)}
            onClick={(event) => {
              // The message and this button go away: the focus goes back to the row, not the page.
              event.currentTarget.closest<HTMLElement>('li')?.focus();
              actions.dismiss(item, op.startedAtMs);
            }}
          >
            {t('listDismiss')}
          </button>
        </div>
      )}
    </>
  );
}
