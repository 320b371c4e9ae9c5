import { formatDate, formatMoment, minutesLeft, type Zone } from '../../core/format.ts';
import { formatMinutesShort } from '../../core/humanize-duration.ts';
import type { GroupItem } from '../../core/pim-state.ts';
import { type MessageKey, t } from '../../platform/i18n.ts';
import type { OpView } from '../model.ts';

const WEEK = 7 * 86_400_000;

const RUNNING: Record<OpView['kind'], MessageKey> = {
  activate: 'stateActivating',
  deactivate: 'stateDeactivating',
  cancel: 'stateCancelling',
};

/** The one line under a group's name that says where it stands. `nowMs` is on Graph's clock. */
export function stateText(
  item: GroupItem,
  op: OpView | undefined,
  note: 'alreadyActive' | undefined,
  nowMs: number,
  zone: Zone,
): string {
  if (op?.phase === 'running') return t(RUNNING[op.kind]);
  if (note === 'alreadyActive') return t('stateAlreadyActive');
  const { active, pending, scheduled } = item;
  if (active) {
    if (active.endMs === null) return t(active.assignmentType === 'assigned' ? 'statePermanent' : 'stateActive');
    return t(
      'stateActiveUntil',
      formatMoment(active.endMs, nowMs, zone),
      formatMinutesShort(minutesLeft(active.endMs, nowMs), zone.locale),
    );
  }
  if (pending) return t('statePending');
  if (scheduled) return t('stateScheduled', formatMoment(scheduled.startMs, nowMs, zone));
  if (!item.eligible) return t('stateNotEligible');
  if (item.eligibleUntilMs !== null && item.eligibleUntilMs - nowMs < WEEK) {
    return t('stateEligibleUntil', formatDate(item.eligibleUntilMs, zone));
  }
  return t('stateEligible');
}
