import type { Sentence } from '../../core/auth-errors.ts';
import { t } from '../../platform/i18n.ts';

/** Sentences (a codec's reasons) as a list, each in the user's language. */
export function SentenceList(props: { sentences: readonly Sentence[] }) {
  return (
    <ul>
      {props.sentences.map((s, i) => (
        <li key={i}>{t(s.key, ...s.substitutions)}</li>
      ))}
    </ul>
  );
}
