import { t } from '../../platform/i18n.ts';

/** The last few reasons as buttons (a datalist does not work on a textarea). */
export function JustificationChoices(props: { choices: string[]; onChoose: (text: string) => void }) {
  if (props.choices.length === 0) return null;
  return (
    <fieldset class="choices">
      <legend class="visually-hidden">{t('formRecentJustifications')}</legend>
      {props.choices.map((choice) => (
        <button
          key={choice}
          type="button"
          class="choice"
          aria-label={t('formUseJustificationLabel', choice)}
          onClick={() => props.onChoose(choice)}
        >
          {choice}
        </button>
      ))}
    </fieldset>
  );
}
