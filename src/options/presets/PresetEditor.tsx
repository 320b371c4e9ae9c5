import { useRef, useState } from 'preact/hooks';
import { ACCESS_LABEL } from '../../core/access.ts';
import type { GroupItem } from '../../core/pim-state.ts';
import type { Preset } from '../../core/presets/schema.ts';
import { t } from '../../platform/i18n.ts';
import { Field } from '../../ui/Field.tsx';
import { useFocusOnMount } from '../../ui/useFocusOnMount.ts';
import { checkDraft, DRAFT_FIELDS, type DraftField, type DraftProblems, entryOf, type PresetDraft } from './model.ts';

export interface EditorProps {
  initial: PresetDraft;
  /** The preset being edited; absent for a new one. */
  base?: Preset | undefined;
  /** The user's eligible groups (member and owner entries). */
  groups: readonly GroupItem[];
  /** Group names by `itemKey`, for entries that are no longer eligible. */
  names: ReadonlyMap<string, string>;
  /** The user's other presets (for the unique name). */
  others: readonly Preset[];
  tenantId: string;
  newId: () => string;
  onSave(preset: Preset): void;
  onCancel(): void;
}

/** The create / edit form. Nothing is saved until every field passes the schema's checks. */
export function PresetEditor(props: EditorProps) {
  const { base, groups, names, others } = props;
  const [draft, setDraft] = useState<PresetDraft>(props.initial);
  const [problems, setProblems] = useState<DraftProblems>({});
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const form = useRef<HTMLFormElement>(null);

  const edit = (patch: Partial<PresetDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const error = (field: DraftField) => {
    const p = problems[field];
    return p ? t(p.key, ...p.substitutions) : undefined;
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const result = checkDraft(draft, {
      base,
      others,
      id: props.newId(),
      tenantId: props.tenantId,
      nowMs: Date.now(),
    });
    if (!result.ok) {
      setProblems(result.problems);
      const first = DRAFT_FIELDS.find((f) => result.problems[f]);
      const target =
        first === 'entries'
          ? form.current?.querySelector<HTMLElement>('input[name="preset-group"]')
          : form.current?.querySelector<HTMLElement>(`#preset-${first}`);
      target?.focus();
      return;
    }
    setProblems({});
    props.onSave(result.preset);
  };

  const toggle = (key: string, on: boolean) =>
    edit({ entries: on ? [...draft.entries.filter((k) => k !== key), key] : draft.entries.filter((k) => k !== key) });

  // Chosen entries that are not in the eligible list now still show, so saving never drops them silently.
  const eligibleKeys = new Set(groups.map((g) => g.key));
  const stale = draft.entries.filter((k) => !eligibleKeys.has(k));
  const groupsError = error('entries');
  const groupsDescribedBy = ['preset-entries-error', 'preset-entries-hint'].filter(
    (id) => id !== 'preset-entries-error' || groupsError,
  );

  const text = (field: 'name' | 'ticketSystem' | 'ticketNumber' | 'appUrl', label: string, hint?: string) => (
    <Field id={`preset-${field}`} label={label} hint={hint} error={error(field)}>
      {(describedBy, invalid) => (
        <input
          id={`preset-${field}`}
          type="text"
          inputMode={field === 'appUrl' ? 'url' : undefined}
          value={draft[field]}
          autocomplete="off"
          aria-describedby={describedBy || undefined}
          aria-invalid={invalid}
          onInput={(e) => edit({ [field]: e.currentTarget.value })}
        />
      )}
    </Field>
  );

  return (
    <form ref={form} class="preset-editor" onSubmit={onSubmit} noValidate aria-labelledby="preset-editor-heading">
      <h3 id="preset-editor-heading" tabIndex={-1} ref={heading}>
        {base ? t('presetFormEditHeading', base.name) : t('presetFormNewHeading')}
      </h3>
      {text('name', t('presetFormName'))}
      <fieldset
        class="preset-groups"
        data-invalid={groupsError ? 'true' : undefined}
        aria-describedby={groupsDescribedBy.join(' ')}
      >
        <legend>{t('presetFormGroups')}</legend>
        {groupsError && (
          <p id="preset-entries-error" class="field__error">
            {groupsError}
          </p>
        )}
        <p id="preset-entries-hint" class="field__hint">
          {t('presetFormGroupsHint')}
        </p>
        {groups.length === 0 && stale.length === 0 && <p>{t('presetFormNoGroups')}</p>}
        {groups.map((g, i) => (
          <div class="check" key={g.key}>
            <input
              id={`preset-group-${i}`}
              name="preset-group"
              type="checkbox"
              checked={draft.entries.includes(g.key)}
              onChange={(e) => toggle(g.key, e.currentTarget.checked)}
            />
            <label for={`preset-group-${i}`}>
              {t('presetFormGroupOption', g.groupName, t(ACCESS_LABEL[g.accessId]))}
            </label>
          </div>
        ))}
        {stale.map((key, i) => {
          const entry = entryOf(key);
          return (
            <div class="check" key={key}>
              <input
                id={`preset-stale-${i}`}
                name="preset-group"
                type="checkbox"
                checked
                aria-describedby={`preset-stale-${i}-note`}
                onChange={(e) => toggle(key, e.currentTarget.checked)}
              />
              <label for={`preset-stale-${i}`}>
                {t(
                  'presetFormGroupOption',
                  names.get(key) ?? entry?.groupId ?? key,
                  t(ACCESS_LABEL[entry?.accessId ?? 'member']),
                )}
              </label>
              <span id={`preset-stale-${i}-note`} class="preset-warning">
                {t('presetFormNotEligible')}
              </span>
            </div>
          );
        })}
      </fieldset>
      <Field
        id="preset-durationMinutes"
        label={t('presetFormDuration')}
        hint={t('presetFormDurationHint')}
        error={error('durationMinutes')}
      >
        {(describedBy, invalid) => (
          <input
            id="preset-durationMinutes"
            type="number"
            inputMode="numeric"
            min={5}
            max={1440}
            step={5}
            value={draft.durationMinutes}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onInput={(e) => edit({ durationMinutes: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field
        id="preset-justification"
        label={t('presetFormJustification')}
        hint={t('presetFormJustificationHint')}
        error={error('justification')}
      >
        {(describedBy, invalid) => (
          <textarea
            id="preset-justification"
            rows={2}
            value={draft.justification}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onInput={(e) => edit({ justification: e.currentTarget.value })}
          />
        )}
      </Field>
      {text('ticketSystem', t('presetFormTicketSystem'))}
      {text('ticketNumber', t('presetFormTicketNumber'), t('presetFormTicketNumberHint'))}
      {text('appUrl', t('presetFormAppUrl'), t('presetFormAppUrlHint'))}
      <Field id="preset-note" label={t('presetFormNote')} error={error('note')}>
        {(describedBy, invalid) => (
          <textarea
            id="preset-note"
            rows={2}
            value={draft.note}
            aria-describedby={describedBy || undefined}
            aria-invalid={invalid}
            onInput={(e) => edit({ note: e.currentTarget.value })}
          />
        )}
      </Field>
      <div class="form-actions">
        <button type="submit">{t('presetFormSave')}</button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t('presetFormCancel')}
        </button>
      </div>
    </form>
  );
}
