import type { Sentence } from '../../core/auth-errors.ts';
import { presetRef } from '../../core/presets/ref.ts';
import type { Preset } from '../../core/presets/schema.ts';
import { t } from '../../platform/i18n.ts';
import { PresetRow } from './PresetRow.tsx';
import { SentenceList } from './SentenceList.tsx';
import type { Selection } from './useSelection.ts';

/** The organisation's presets (locked; only ticked for sharing), and why its policy was refused. */
export function OrgPresetsList(props: { managed: Preset[]; managedError?: Sentence[]; selection: Selection }) {
  const { managed, managedError, selection } = props;
  if (managed.length === 0 && !managedError) return null;
  return (
    <>
      <h3 id="presets-managed-heading">{t('presetsManagedHeading')}</h3>
      {managedError && (
        <div class="field__error">
          <p>{t('presetsManagedUnreadable')}</p>
          <SentenceList sentences={managedError} />
        </div>
      )}
      <ul class="preset-list" aria-labelledby="presets-managed-heading">
        {managed.map((p) => (
          <PresetRow
            key={p.id}
            preset={p}
            selected={selection.selected.has(presetRef(p))}
            onSelect={selection.toggle}
          />
        ))}
      </ul>
    </>
  );
}
