import { t } from '../../platform/i18n.ts';
import { ImportReview } from './ImportReview.tsx';
import { SentenceList } from './SentenceList.tsx';
import type { PresetImport } from './useImport.ts';

/** Import: a file or a pasted code, then the review; what could not be read is listed as an alert. */
export function ImportPanel(props: { imports: PresetImport; dragging: boolean; names: ReadonlyMap<string, string> }) {
  const { imports } = props;
  return (
    <>
      <h3 id="preset-import-heading">{t('presetImportHeading')}</h3>
      <p class="section-intro">{t('presetImportIntro')}</p>
      {props.dragging && <p class="preset-drop">{t('presetImportDrop')}</p>}
      {imports.review ? (
        <ImportReview
          plan={imports.review}
          names={props.names}
          onImport={(confirmed) => void imports.confirm(confirmed)}
          onCancel={imports.cancel}
        />
      ) : (
        <>
          <div class="field">
            <label for="preset-import-file">{t('presetImportFile')}</label>
            <input
              id="preset-import-file"
              type="file"
              accept=".json,application/json"
              aria-describedby="preset-import-file-hint"
              onChange={(e) => {
                const input = e.currentTarget;
                void imports.readFile(input.files?.[0]).finally(() => {
                  input.value = '';
                });
              }}
            />
            <p id="preset-import-file-hint" class="field__hint">
              {t('presetImportFileHint')}
            </p>
          </div>
          <form onSubmit={(e) => void imports.readCode(e)} noValidate>
            <div class="field">
              <label for="preset-import-code">{t('presetImportCode')}</label>
              <textarea
                id="preset-import-code"
                rows={3}
                spellcheck={false}
                value={imports.code}
                onInput={(e) => imports.setCode(e.currentTarget.value)}
              />
            </div>
            <button type="submit">{t('presetImportCodeButton')}</button>
          </form>
        </>
      )}
      {imports.problems.length > 0 && (
        <div id="preset-import-problems" class="preset-problems" role="alert" tabIndex={-1}>
          <p>{t('presetImportProblems')}</p>
          <SentenceList sentences={imports.problems} />
        </div>
      )}
    </>
  );
}
