import { formatMinutesShort } from '../../core/format/duration.ts';
import { formatDate, formatMoment, formatTime, minutesLeft, type Zone } from '../../core/format/time.ts';
import type { GroupItem } from '../../core/pim-state.ts';
import { type MessageKey, t } from '../../platform/i18n.ts';
import type { OpView } from '../model.ts';

const WEEK = 7 * 86_400_000;
const ENDS_SOON_MS = 4 * 3_600_000;

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
  return eligibleText(item.eligibleUntilMs, nowMs, zone);
}

/**
 * The eligibility's end is a limit on every activation (the background caps the duration at it),
 * so the closer it is, the more precisely the row says it: the time left within a few hours, the
 * time later today, the date within the week.
 */
function eligibleText(untilMs: number | null, nowMs: number, zone: Zone): string {
  if (untilMs === null || untilMs - nowMs >= WEEK) return t('stateEligible');
  if (untilMs - nowMs < ENDS_SOON_MS) {
    return t(
      'stateEligibleEndsSoon',
      formatMoment(untilMs, nowMs, zone),
      formatMinutesShort(minutesLeft(untilMs, nowMs), zone.locale),
    );
  }
  const at = formatMoment(untilMs, nowMs, zone);
  return at === formatTime(untilMs, zone)
    ? t('stateEligibleUntilTime', at)
    : t('stateEligibleUntil', formatDate(untilMs, zone));
}
