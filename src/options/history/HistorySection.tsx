import { useMemo, useRef, useState } from 'preact/hooks';
import type { Zone } from '../../core/format/time.ts';
import { RETENTION_DAYS, type RetentionDays } from '../../core/history.ts';
import { historyFileName, historyToCsv } from '../../core/history-csv.ts';
import { historyItem, historyRetentionItem } from '../../platform/history-items.ts';
import { t } from '../../platform/i18n.ts';
import { uiLanguage } from '../../platform/locale.ts';
import { retentionSetting } from '../../platform/managed-settings.ts';
import { sendMessage } from '../../platform/messages.ts';
import { downloadText } from '../../ui/download.ts';
import { Field } from '../../ui/Field.tsx';
import { usePolicyOver, useStored } from '../../ui/useStored.ts';
import { csvText } from './csv-text.ts';
import { HistoryTable } from './HistoryTable.tsx';
import './history.css';

/**
 * The user's activation history (written by the background): a sortable table, CSV export,
 * clearing (after an inline confirmation), and how long to keep it (the policy may fix that).
 */
export function HistorySection() {
  const entries = useStored(historyItem);
  const retention = usePolicyOver(retentionSetting);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState('');
  const clearButton = useRef<HTMLButtonElement>(null);
  const zone = useMemo<Zone>(() => ({ locale: uiLanguage() }), []);

  if (!entries || !retention) return null;
  const locked = retention.locked.has('days');

  const onExport = () => {
    const name = historyFileName(Date.now());
    downloadText(historyToCsv(entries, csvText()), name, 'text/csv');
    setStatus(t('historyExported', name, String(entries.length)));
  };
  const onClear = async () => {
    // The background writes the history: it clears it too, in turn with its own writes.
    const cleared = await sendMessage('clearHistory', undefined);
    setConfirming(false);
    setStatus(cleared.ok ? t('historyCleared') : cleared.error.message);
    clearButton.current?.focus();
  };

  return (
    <section aria-labelledby="history-heading" class="history">
      <h2 id="history-heading">{t('historyHeading')}</h2>
      <p class="section-intro">{t('historyIntro')}</p>
      <Field id="history-retention" label={t('historyRetentionLabel')} locked={locked}>
        {(describedBy) => (
          <select
            id="history-retention"
            value={String(retention.value)}
            disabled={locked}
            aria-describedby={describedBy}
            onChange={(e) => void historyRetentionItem.set(Number(e.currentTarget.value) as RetentionDays)}
          >
            {RETENTION_DAYS.map((days) => (
              <option key={days} value={String(days)}>
                {t('historyRetentionDays', String(days))}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div class="history__actions">
        <button type="button" disabled={entries.length === 0} onClick={onExport}>
          {t('historyExport')}
        </button>
        <button
          type="button"
          class="secondary"
          ref={clearButton}
          disabled={entries.length === 0}
          aria-expanded={confirming}
          onClick={() => setConfirming(!confirming)}
        >
          {t('historyClear')}
        </button>
        <span role="status" class="form-status">
          {status}
        </span>
      </div>
      {confirming && (
        <fieldset class="history__confirm">
          <legend>{t('historyClearConfirm', String(entries.length))}</legend>
          <button type="button" onClick={() => void onClear()}>
            {t('historyClearYes')}
          </button>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setConfirming(false);
              clearButton.current?.focus();
            }}
          >
            {t('historyClearNo')}
          </button>
        </fieldset>
      )}
      {entries.length === 0 ? <p>{t('historyEmpty')}</p> : <HistoryTable entries={entries} zone={zone} />}
    </section>
  );
}
