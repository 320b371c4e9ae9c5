import { useContext, useEffect, useRef } from 'preact/hooks';
import { MIN_ACTIVATION_MINUTES } from '../../core/duration.ts';
import { durationSteps, toLocalInput } from '../../core/form-values.ts';
import { formatMinutesShort } from '../../core/format/duration.ts';
import type { GroupItem } from '../../core/pim-state.ts';
import { groupPortalUrl } from '../../core/portal-group.ts';
import { t } from '../../platform/i18n.ts';
import { uiLanguage } from '../../platform/locale.ts';
import { JUSTIFICATION_MAX } from '../../platform/pim-items.ts';
import { Field } from '../../ui/Field.tsx';
import { useConnection } from '../../ui/useConnection.ts';
import { ActionsContext } from '../context.ts';
import { itemPhrase, justificationChoices } from '../model.ts';
import type { FocusField } from '../useActions.ts';
import type { FormField } from '../validate.ts';
import { JustificationChoices } from './JustificationChoices.tsx';
import { RequirementChips } from './RequirementChips.tsx';
import { useActivationForm } from './useActivationForm.ts';

/** The activation form of one item: every change is kept as a draft, so closing the popup loses nothing. */
export function ActivationForm(props: { id: string; item: GroupItem; focus: FocusField | undefined }) {
  const { id, item, focus } = props;
  const actions = useContext(ActionsContext);
  const locale = uiLanguage();
  // The cloud for the admin center link (this group's PIM page); the link shows once it is read.
  const cloud = useConnection()?.connection.cloud;
  const { loaded, needs, values, edit, submit, problem, choicesFrom } = useActivationForm(item, locale);
  const refs = useRef<Partial<Record<FormField, HTMLElement | null>>>({});
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (focus) refs.current[focus]?.focus();
  }, [focus, loaded.needs]);

  const close = () => {
    const row = form.current?.closest<HTMLElement>('li');
    actions.collapse();
    row?.focus();
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const invalid = submit(close);
    if (invalid) refs.current[invalid]?.focus();
  };
  const fieldId = (field: FormField) => `${id}-${field}`;
  const control = (field: FormField) => ({
    id: fieldId(field),
    ref: (el: HTMLElement | null) => {
      refs.current[field] = el;
    },
  });
  const steps = durationSteps(needs.maximumMinutes, MIN_ACTIVATION_MINUTES);
  if (!steps.includes(values.durationMinutes)) steps.push(values.durationMinutes);

  return (
    <form
      id={id}
      ref={form}
      class="activation-form"
      noValidate
      onSubmit={onSubmit}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        close();
      }}
    >
      {loaded.needs ? <RequirementChips needs={loaded.needs} /> : null}
      {!loaded.needs && (
        <p class="form-note" role={loaded.error ? 'alert' : undefined}>
          {loaded.error ? t('formRequirementsFailed', loaded.error) : t('formRequirementsLoading')}
        </p>
      )}
      <Field id={fieldId('justification')} label={t('formJustificationLabel')} error={problem('justification')}>
        {(describedBy, invalid) => (
          <textarea
            {...control('justification')}
            rows={2}
            maxLength={JUSTIFICATION_MAX}
            required={needs.justification}
            value={values.justification}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onInput={(e) => edit({ justification: e.currentTarget.value })}
          />
        )}
      </Field>
      <JustificationChoices
        choices={justificationChoices(choicesFrom, item.key)}
        onChoose={(justification) => edit({ justification })}
      />
      {needs.ticket && (
        <div class="field-pair">
          <Field id={fieldId('ticketNumber')} label={t('formTicketNumberLabel')} error={problem('ticketNumber')}>
            {(describedBy, invalid) => (
              <input
                {...control('ticketNumber')}
                required
                maxLength={100}
                value={values.ticketNumber}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onInput={(e) => edit({ ticketNumber: e.currentTarget.value })}
              />
            )}
          </Field>
          <Field id={fieldId('ticketSystem')} label={t('formTicketSystemLabel')} error={problem('ticketSystem')}>
            {(describedBy, invalid) => (
              <input
                {...control('ticketSystem')}
                required
                maxLength={100}
                value={values.ticketSystem}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onInput={(e) => edit({ ticketSystem: e.currentTarget.value })}
              />
            )}
          </Field>
        </div>
      )}
      <div class="field-pair">
        <Field
          id={fieldId('durationMinutes')}
          label={t('formDurationLabel')}
          hint={t('formDurationHint', formatMinutesShort(needs.maximumMinutes, locale))}
          error={problem('durationMinutes')}
        >
          {(describedBy, invalid) => (
            <select
              {...control('durationMinutes')}
              value={String(values.durationMinutes)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => edit({ durationMinutes: Number(e.currentTarget.value) })}
            >
              {steps.map((minutes) => (
                <option key={minutes} value={String(minutes)}>
                  {formatMinutesShort(minutes, locale)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={fieldId('start')} label={t('formStartLabel')} hint={t('formStartHint')} error={problem('start')}>
          {(describedBy, invalid) => (
            <input
              {...control('start')}
              type="datetime-local"
              min={toLocalInput(Date.now())}
              value={values.start}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onInput={(e) => edit({ start: e.currentTarget.value })}
            />
          )}
        </Field>
      </div>
      <div class="form-actions">
        <button type="submit" class="primary">
          {t('formSubmit')}
        </button>
        {cloud && (
          <a
            href={groupPortalUrl(cloud, item.groupId, item.groupName)}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={t('formOpenInPortalLabel', itemPhrase(item))}
          >
            {t('formOpenInPortal')}
          </a>
        )}
      </div>
    </form>
  );
}
