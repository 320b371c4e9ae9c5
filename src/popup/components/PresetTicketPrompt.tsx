import { useState } from 'preact/hooks';
import { presetRef } from '../../core/presets/ref.ts';
import type { Preset } from '../../core/presets/schema.ts';
import { t } from '../../platform/i18n.ts';
import { useFocusOnMount } from '../../ui/useFocusOnMount.ts';

/** A preset asks for a ticket number when it names a ticket system or `{ticket}` and has no number. */
export const needsTicket = (p: Preset): boolean =>
  !p.ticketNumber?.trim() && (Boolean(p.ticketSystem?.trim()) || /\{ticket\}/i.test(p.justification));

/** The ticket number asked inline before applying: Enter applies, Escape cancels. */
export function TicketPrompt(props: { preset: Preset; onApply(ticket: string): void; onCancel(): void }) {
  const input = useFocusOnMount<HTMLInputElement>();
  const [value, setValue] = useState('');
  const [missing, setMissing] = useState(false);
  const id = `preset-ticket-${presetRef(props.preset).replace(':', '-')}`;
  return (
    <form
      class="presets-area__ticket"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim() === '') {
          setMissing(true);
          input.current?.focus();
          return;
        }
        props.onApply(value.trim());
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        props.onCancel();
      }}
    >
      <label for={id}>{t('presetsTicketLabel', props.preset.name)}</label>
      <input
        id={id}
        ref={input}
        class="presets-area__ticket-input"
        value={value}
        autocomplete="off"
        aria-invalid={missing}
        aria-describedby={missing ? `${id}-error` : undefined}
        onInput={(e) => {
          setValue(e.currentTarget.value);
          setMissing(false);
        }}
      />
      {missing && (
        <p id={`${id}-error`} class="popup__error">
          {t('presetsTicketMissing')}
        </p>
      )}
      <div class="presets-area__ticket-actions">
        <button type="submit">{t('presetsTicketApply')}</button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t('presetsTicketCancel')}
        </button>
      </div>
    </form>
  );
}
