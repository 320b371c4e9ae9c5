import { formatMinutesShort } from '../../core/format/duration.ts';
import { minutesLeft } from '../../core/format/time.ts';
import { t } from '../../platform/i18n.ts';

/**
 * A thin bar under an active row: how much of the activation is left, at a glance. A `<meter>`
 * (its width needs no inline style, which the pages' CSP forbids) with its value as text
 * ("1 hr 20 min left of 4 hr") for screen readers.
 */
export interface TimeLeftBarProps {
  startMs: number;
  endMs: number;
  nowMs: number;
  locale: string | undefined;
}

export function TimeLeftBar(props: TimeLeftBarProps) {
  const { startMs, endMs, nowMs, locale } = props;
  const total = Math.max(1, minutesLeft(endMs, startMs));
  const left = Math.min(total, minutesLeft(endMs, nowMs));
  return (
    <meter
      class="row__bar"
      min={0}
      max={total}
      value={left}
      aria-label={t('listTimeLeftLabel')}
      aria-valuetext={t('listTimeLeftValue', formatMinutesShort(left, locale), formatMinutesShort(total, locale))}
    />
  );
}
