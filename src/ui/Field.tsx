import type { ComponentChildren } from 'preact';
import { t } from '../platform/i18n.ts';

/** A labelled form control with its hint, its error and the "set by policy" note, all wired for screen readers. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  locked?: boolean;
  children: (describedBy: string, invalid: boolean) => ComponentChildren;
}) {
  const { id, label, hint, error, locked } = props;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const lockedId = `${id}-locked`;
  const describedBy = [error && errorId, locked && lockedId, hint && hintId].filter(Boolean).join(' ');
  return (
    <div class="field" data-invalid={error ? 'true' : undefined}>
      <label for={id}>{label}</label>
      {props.children(describedBy, Boolean(error))}
      {locked && (
        <p id={lockedId} class="field__locked">
          {t('lockedByPolicy')}
        </p>
      )}
      {error && (
        <p id={errorId} class="field__error">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} class="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
