import type { GroupItem } from '../../core/pim-state.ts';
import { presetRef } from '../../core/presets/ref.ts';
import type { Preset } from '../../core/presets/schema.ts';
import { t } from '../../platform/i18n.ts';
import { PresetEditor } from './PresetEditor.tsx';
import { PresetRow } from './PresetRow.tsx';
import { type MyPresets, newId } from './useMyPresets.ts';
import type { Selection } from './useSelection.ts';

/** The user's own presets (edit, duplicate, move, delete) and the editor or the "New preset" button. */
export function MyPresetsList(props: {
  presets: { mine: Preset[]; managed: Preset[] };
  list: MyPresets;
  selection: Selection;
  groups: GroupItem[];
  names: ReadonlyMap<string, string>;
  tenantId: string;
}) {
  const { presets, list, selection } = props;
  const { editing } = list;
  const last = presets.mine.length - 1;
  return (
    <>
      <h3 id="presets-mine-heading">{t('presetsMineHeading')}</h3>
      {presets.mine.length === 0 ? (
        <p>{t('presetsEmpty')}</p>
      ) : (
        <ul class="preset-list" aria-labelledby="presets-mine-heading">
          {presets.mine.map((p, index) => (
            <PresetRow
              key={p.id}
              preset={p}
              selected={selection.selected.has(presetRef(p))}
              onSelect={selection.toggle}
              actions={{
                edit: () => list.edit(p),
                duplicate: () => void list.duplicate(index),
                up: index === 0 ? undefined : () => void list.move(index, -1, 'up'),
                down: index === last ? undefined : () => void list.move(index, 1, 'down'),
                delete: () => void list.remove(index),
              }}
            />
          ))}
        </ul>
      )}
      {editing ? (
        <PresetEditor
          key={editing.id ?? 'new'}
          initial={editing.draft}
          base={editing.id ? presets.mine.find((p) => p.id === editing.id) : undefined}
          groups={props.groups}
          names={props.names}
          others={[...presets.mine.filter((p) => p.id !== editing.id), ...presets.managed]}
          tenantId={props.tenantId}
          newId={newId}
          onSave={(p) => void list.saved(p)}
          onCancel={list.cancelEdit}
        />
      ) : (
        <button type="button" data-action="new" onClick={list.startNew}>
          {t('presetsNew')}
        </button>
      )}
    </>
  );
}
