import { useState } from 'preact/hooks';
// Static: the options page already holds the codec (stored presets are validated with it on read).
import * as codec from '../../core/presets/codec.ts';
import { presetRef } from '../../core/presets/ref.ts';
import type { Preset } from '../../core/presets/schema.ts';
import { t } from '../../platform/i18n.ts';
import { downloadText } from '../../ui/download.ts';
import { exportFileName } from './model.ts';
import type { FocusRequest } from './useFocusRequest.ts';
import type { Selection } from './useSelection.ts';

/** Sharing the ticked presets (all of them when none is ticked): a file download or a share code with Copy. */
export function SharePanel(props: {
  all: Preset[];
  selection: Selection;
  /** The tenant the exported set names. */
  tenantId: string;
  say: (text: string) => void;
  focusOn: (request: FocusRequest) => void;
}) {
  const { all, selection, say } = props;
  const [shareCode, setShareCode] = useState('');
  const picked = all.filter((p) => selection.selected.has(presetRef(p)));
  const chosen = () => (picked.length > 0 ? picked : all);
  const exportOptions = () => ({ tenantId: props.tenantId, now: Date.now() });

  const onDownload = () => {
    const list = chosen();
    if (list.length === 0) return say(t('presetShareNothing'));
    const text = codec.exportPresets(list, exportOptions());
    const name = exportFileName(Date.now());
    downloadText(text, name, 'application/json');
    say(t('presetShareDownloaded', name, String(list.length)));
  };

  const onShareCode = async () => {
    const list = chosen();
    if (list.length === 0) return say(t('presetShareNothing'));
    setShareCode(await codec.encodeShareCode(codec.presetSetOf(list, exportOptions())));
    props.focusOn({ selector: '#preset-share-code' });
  };

  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(shareCode);
      say(t('presetShareCopied'));
    } catch {
      say(t('presetShareCopyFailed'));
    }
  };

  return (
    <>
      <h3 id="preset-share-heading">{t('presetShareHeading')}</h3>
      <p class="section-intro">{t('presetShareIntro')}</p>
      <p>{t('presetShareScope', String(picked.length), String(all.length))}</p>
      <div class="form-actions">
        <button type="button" class="secondary" onClick={() => selection.set(all.map(presetRef))}>
          {t('presetShareSelectAll')}
        </button>
        <button type="button" class="secondary" onClick={() => selection.set([])}>
          {t('presetShareSelectNone')}
        </button>
        <button type="button" disabled={all.length === 0} onClick={() => void onDownload()}>
          {t('presetShareDownload')}
        </button>
        <button type="button" disabled={all.length === 0} onClick={() => void onShareCode()}>
          {t('presetShareCreateCode')}
        </button>
      </div>
      {shareCode && (
        <div class="field">
          <label for="preset-share-code">{t('presetShareCodeLabel')}</label>
          <textarea
            id="preset-share-code"
            readOnly
            rows={4}
            value={shareCode}
            aria-describedby="preset-share-code-hint"
            onFocus={(e) => e.currentTarget.select()}
          />
          <p id="preset-share-code-hint" class="field__hint">
            {t('presetShareCodeHint')}
          </p>
          <button type="button" class="secondary" data-action="copy" onClick={() => void onCopy()}>
            {t('presetShareCopy')}
          </button>
        </div>
      )}
    </>
  );
}
