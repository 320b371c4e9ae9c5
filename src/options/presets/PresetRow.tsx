import { formatMinutes } from '../../core/format/duration.ts';
import { presetRef } from '../../core/presets/ref.ts';
import type { Preset } from '../../core/presets/schema.ts';
import { type MessageKey, t } from '../../platform/i18n.ts';
import { uiLanguage } from '../../platform/locale.ts';

/** What a row of the user's list can do (the organisation's rows have no actions); Move up/down are absent at the ends. */
export interface RowActions {
  edit: () => void;
  duplicate: () => void;
  up?: () => void;
  down?: () => void;
  delete: () => void;
}

/** The buttons in their order (`data-action`), with their text and accessible name. */
const ACTIONS = ['edit', 'duplicate', 'up', 'down', 'delete'] as const satisfies ReadonlyArray<keyof RowActions>;
const ACTION_TEXT: Record<keyof RowActions, [MessageKey, MessageKey]> = {
  edit: ['presetsEdit', 'presetsEditLabel'],
  duplicate: ['presetsDuplicate', 'presetsDuplicateLabel'],
  up: ['presetsMoveUp', 'presetsMoveUpLabel'],
  down: ['presetsMoveDown', 'presetsMoveDownLabel'],
  delete: ['presetsDelete', 'presetsDeleteLabel'],
};

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
          {ACTIONS.map((action) => {
            const [text, label] = ACTION_TEXT[action];
            const onClick = actions[action];
            return (
              <button
                key={action}
                type="button"
                class="secondary"
                data-action={action}
                disabled={!onClick}
                aria-label={t(label, p.name)}
                onClick={onClick}
              >
                {t(text)}
              </button>
            );
          })}
        </div>
      )}
    </li>
  );
}
