import { t } from '../../platform/i18n.ts';
import type { PresetRun } from '../../platform/messages.ts';
import { type EntryResult, type Retry, resultKey, statusText } from './usePresetApply.ts';

/** Each group's result of a preset's last run ("SG-X: active", or the failure with Retry). */
export function PresetResults(props: {
  presetName: string;
  presetRef: string;
  run: PresetRun;
  retries: Readonly<Record<string, Retry>>;
  /** The preset is running again: no Retry meanwhile. */
  running: boolean;
  nameOf: (entry: EntryResult) => string;
  onRetry: (entry: EntryResult) => void;
}) {
  return (
    <ul class="presets-area__results" aria-label={t('presetsResultsLabel', props.presetName)}>
      {props.run.results.map((entry) => {
        const key = resultKey(props.presetRef, entry);
        const group = props.nameOf(entry);
        const again = props.retries[key];
        const ok = again ? again.phase === 'ok' : entry.ok;
        const message = again?.phase === 'failed' ? again.message : (entry.message ?? '');
        return (
          <li key={key} data-ok={ok ? 'true' : 'false'}>
            {again?.phase === 'running'
              ? t('presetsResultRunning', group)
              : ok
                ? t('presetsResultOk', group, statusText(again?.phase === 'ok' ? again.status : entry.status))
                : t('presetsResultFailed', group, message)}
            {!ok && again?.phase !== 'running' && !props.running && (
              <button
                type="button"
                class="secondary presets-area__retry"
                aria-label={t('presetsRetryLabel', group)}
                onClick={() => props.onRetry(entry)}
              >
                {t('presetsRetry')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
