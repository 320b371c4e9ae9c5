import { ACCESS_IN_TEXT } from '../core/access.ts';
import { badgeView, timedActivations } from '../core/badge.ts';
import { formatMoment } from '../core/format/time.ts';
import type { GroupItem } from '../core/pim-state.ts';
import { clearBadge, showBadge } from '../platform/badge.ts';
import { t } from '../platform/i18n.ts';
import { uiLanguage } from '../platform/locale.ts';

export const accessText = (accessId: GroupItem['accessId']) => t(ACCESS_IN_TEXT[accessId]);

/**
 * The tooltip: every active group with its end time, then permanent ones, then pending requests,
 * then how many requests wait on the user's approval.
 */
function title(items: readonly GroupItem[], nowMs: number, approvalsWaiting: number): string {
  const locale = uiLanguage();
  const lines = timedActivations(items, nowMs).map((a) =>
    t('badgeTitleActiveUntil', a.groupName, accessText(a.accessId), formatMoment(a.endMs, nowMs, { locale })),
  );
  for (const i of items) {
    if (i.active && i.active.endMs === null) lines.push(t('badgeTitlePermanent', i.groupName, accessText(i.accessId)));
  }
  for (const i of items) if (i.pending) lines.push(t('badgeTitlePending', i.groupName, accessText(i.accessId)));
  if (approvalsWaiting > 0) lines.push(t('badgeTitleApprovalsWaiting', String(approvalsWaiting)));
  return [t('actionTitle'), ...lines].join('\n');
}

/** Draws the badge for the list at Graph time `nowMs`; returns when it next changes (Graph time), if ever. */
export async function renderBadge(
  items: readonly GroupItem[],
  nowMs: number,
  approvalsWaiting = 0,
): Promise<number | null> {
  const view = badgeView(items, nowMs, approvalsWaiting);
  const tooltip = title(items, nowMs, approvalsWaiting);
  if (view.text) await showBadge({ text: view.text, color: view.colour, title: tooltip });
  else await clearBadge(tooltip);
  return view.nextChangeMs;
}
