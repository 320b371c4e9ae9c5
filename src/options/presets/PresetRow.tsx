import { formatMinutes } from '../../core/format/duration.ts';
import { presetRef } from '../../core/presets/ref.ts';
import type { Preset } from '../../core/presets/schema.ts';
import { t } from '../../platform/i18n.ts';
import { uiLanguage } from '../../platform/locale.ts';

/** What a row of the user's list can do (the organisation's rows have no actions). */
export interface RowActions {
  edit(): void;
  duplicate(): void;
  up?: () => void;
  down?: () => void;
  delete(): void;
}

/** One preset: the share checkbox, name, summary, note, and for the user's own the action buttons. */
export function PresetRow(props: {
  preset: Preset;
  selected: boolean;
  onSelect: (ref: string, on: boolean) => void;
  actions?: RowActions;
}) {
  const { preset: p, actions } = props;
  const ref = presetRef(p);
  return (
    <li class="preset" data-preset-id={p.id} data-managed={actions ? undefined : 'true'}>
      <div class="check">
        <input
          id={`preset-select-${ref.replace(':', '-')}`}
          type="checkbox"
          checked={props.selected}
          aria-label={t('presetsSelectLabel', p.name)}
          onChange={(e) => props.onSelect(ref, e.currentTarget.checked)}
        />
        <div>
          <p class="preset__name">{p.name}</p>
          {!actions && <p class="preset__managed">{t('presetsManagedBadge')}</p>}
          <p class="field__hint">
            {t('presetsSummary', String(p.entries.length), formatMinutes(p.durationMinutes, uiLanguage()))}
          </p>
          {p.note && <p class="field__hint preset__note">{p.note}</p>}
        </div>
      </div>
      {actions && (
        <div class="preset__actions">
          <button
            type="button"
            class="secondary"
            data-action="edit"
            aria-label={t('presetsEditLabel', p.name)}
            onClick={actions.edit}
          >
            {t('presetsEdit')}
          </button>
          <button
            type="button"
            class="secondary"
            data-action="duplicate"
            aria-label={t('presetsDuplicateLabel', p.name)}
            onClick={actions.duplicate}
          >
            {t('presetsDuplicate')}
          </button>
          <button
            type="button"
            class="secondary"
            data-action="up"
            disabled={!actions.up}
            aria-label={t('presetsMoveUpLabel', p.name)}
            onClick={actions.up}
          >
            {t('presetsMoveUp')}
          </button>
          <button
            type="button"
            class="secondary"
            data-action="down"
            disabled={!actions.down}
            aria-label={t('presetsMoveDownLabel', p.name)}
            onClick={actions.down}
          >
            {t('presetsMoveDown')}
          </button>
          <button
            type="button"
            class="secondary"
            data-action="delete"
            aria-label={t('presetsDeleteLabel', p.name)}
            onClick={actions.delete}
          >
            {t('presetsDelete')}
          </button>
        </div>
      )}
    </li>
  );
}
