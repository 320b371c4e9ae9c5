import { ACCESS_LABEL } from '../../core/access.ts';
import { formatMinutes } from '../../core/format/duration.ts';
import { itemKey } from '../../core/pim-state.ts';
import type { ImportPlan, PlannedPreset } from '../../core/presets/merge.ts';
import { t } from '../../platform/i18n.ts';
import { uiLanguage } from '../../platform/locale.ts';
import { useFocusOnMount } from '../../ui/useFocusOnMount.ts';
import { useToggleSet } from './useSelection.ts';

function actionText(item: PlannedPreset): string {
  switch (item.action) {
    case 'add':
      return t('presetImportActionAdd');
    case 'duplicate':
      return t('presetImportActionDuplicate', item.duplicateOf ?? item.name);
    case 'rename':
      return t('presetImportActionRename', item.name);
    case 'full':
      return t('presetImportActionFull');
  }
}

export const addedCount = (plan: ImportPlan): number =>
  plan.items.filter((i) => i.action === 'add' || i.action === 'rename').length;

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/**
 * An imported preset's app page is only a suggestion (whoever shared the preset chose it): shown
 * with its host, off unless the user ticks it. Unticked, the preset is added without it.
 */
function AppUrlSuggestion(props: { index: number; url: string; checked: boolean; onChange(on: boolean): void }) {
  const id = `import-app-url-${props.index}`;
  const host = hostOf(props.url);
  return (
    <div class="check" data-testid="import-app-url">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        aria-describedby={`${id}-hint`}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <label for={id}>{t('presetImportAppUrlUse', host)}</label>
      <p id={`${id}-hint`} class="field__hint">
        {t('presetImportAppUrlHint', host, props.url)}
      </p>
    </div>
  );
}

/** Exactly what an import would add, before anything changes. */
export function ImportReview(props: {
  plan: ImportPlan;
  names: ReadonlyMap<string, string>;
  /** `confirmedAppUrls`: indexes of the items whose suggested app page the user ticked. */
  onImport(confirmedAppUrls: ReadonlySet<number>): void;
  onCancel(): void;
}) {
  const { plan, names } = props;
  const [confirmed, confirm] = useToggleSet<number>();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const count = addedCount(plan);
  return (
    <section class="import-review" aria-labelledby="import-review-heading">
      <h3 id="import-review-heading" tabIndex={-1} ref={heading}>
        {t('presetImportReviewHeading')}
      </h3>
      <p>{t('presetImportReviewIntro')}</p>
      {plan.otherTenant && (
        <p class="preset-banner" data-testid="other-tenant">
          {t('presetImportOtherTenant')}
        </p>
      )}
      <ul class="import-list">
        {plan.items.map((item, i) => (
          <li key={`${item.preset.id}-${i}`} data-action={item.action}>
            <p class="import-list__name">{item.preset.name}</p>
            <p class="import-list__action" data-action={item.action}>
              {actionText(item)}
            </p>
            <p class="field__hint">
              {t(
                'presetsSummary',
                String(item.entries.length),
                formatMinutes(item.preset.durationMinutes, uiLanguage()),
              )}
            </p>
            {item.notEligibleCount > 0 && (
              <p class="preset-warning">
                {t('presetImportNotEligibleCount', String(item.notEligibleCount), String(item.entries.length))}
              </p>
            )}
            {item.preset.appUrl && (item.action === 'add' || item.action === 'rename') && (
              <AppUrlSuggestion
                index={i}
                url={item.preset.appUrl}
                checked={confirmed.has(i)}
                onChange={(on) => confirm(i, on)}
              />
            )}
            <ul class="import-entries">
              {item.entries.map((e) => {
                const key = itemKey(e.groupId, e.accessId);
                return (
                  <li key={key} data-not-eligible={e.notEligible ? 'true' : undefined}>
                    {t('presetFormGroupOption', names.get(key) ?? e.groupId, t(ACCESS_LABEL[e.accessId]))}
                    {e.notEligible && <span class="preset-warning"> — {t('presetImportNotEligible')}</span>}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
      {count === 0 && <p>{t('presetImportNothing')}</p>}
      <div class="form-actions">
        <button type="button" disabled={count === 0} onClick={() => props.onImport(confirmed)}>
          {t('presetImportConfirm', String(count))}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t('presetImportCancel')}
        </button>
      </div>
    </section>
  );
}
