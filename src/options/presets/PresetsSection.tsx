import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Sentence } from '../../core/auth-errors.ts';
import { formatMinutes } from '../../core/format/duration.ts';
import type { GroupItem } from '../../core/pim-state.ts';
// Static: the options page already holds the codec (stored presets are validated with it on read).
import * as codec from '../../core/presets/codec.ts';
import { PRESET_LIMITS } from '../../core/presets/limits.ts';
import { applyImport, type ImportPlan, planImport } from '../../core/presets/merge.ts';
import { presetRef } from '../../core/presets/ref.ts';
import type { Preset, PresetSet } from '../../core/presets/schema.ts';
import { t } from '../../platform/i18n.ts';
import { accountsItem } from '../../platform/items.ts';
import { uiLanguage } from '../../platform/locale.ts';
import { snapshotItem } from '../../platform/pim-items.ts';
import { myPresetsItem } from '../../platform/preset-items.ts';
import { downloadText } from '../../ui/download.ts';
import { useConnection } from '../../ui/useConnection.ts';
import { useStored } from '../../ui/useStored.ts';
import { addedCount, ImportReview } from './ImportReview.tsx';
import {
  draftOf,
  duplicate,
  emptyDraft,
  exportFileName,
  move,
  newPresetKeysFromHash,
  type PresetDraft,
  restore,
  tenantFor,
} from './model.ts';
import { PresetEditor } from './PresetEditor.tsx';
import { usePresets } from './usePresets.ts';
import './presets.css';

/** How long "Deleted X. Undo" stays. */
export const UNDO_MS = 15_000;

type Editing = { id?: string; draft: PresetDraft; returnTo?: string };
type Status = { text: string; undo?: { preset: Preset; index: number } };
type Focus = { id: string; action: string } | { selector: string };

const newId = () => crypto.randomUUID();

/** Presets on the options page: the user's (edit, reorder, delete with undo), the organisation's (locked), share and import. */
export function PresetsSection() {
  const presets = usePresets();
  const snapshot = useStored(snapshotItem);
  const accounts = useStored(accountsItem);
  const connection = useConnection();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [status, setStatus] = useState<Status>({ text: '' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [shareCode, setShareCode] = useState('');
  const [codeInput, setCodeInput] = useState('');
  const [review, setReview] = useState<ImportPlan | null>(null);
  const [problems, setProblems] = useState<Sentence[]>([]);
  const [dragging, setDragging] = useState(false);
  const [focus, setFocus] = useState<Focus | null>(null);
  const section = useRef<HTMLElement>(null);
  const undoTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // Our own last write, so quick successive actions never work on a list storage has not echoed yet.
  const mine = useRef<Preset[]>([]);
  const lastSeen = useRef<Preset[] | undefined>(undefined);
  if (presets && presets.mine !== lastSeen.current) {
    lastSeen.current = presets.mine;
    mine.current = presets.mine;
  }

  const account = accounts?.known.find((a) => a.id === accounts.activeId);
  const accountTenant = account?.tenantId ?? '';
  const tenantId = tenantFor(accountTenant, connection?.connection.tenant);
  const items: GroupItem[] = useMemo(
    () => (snapshot && account && snapshot.accountId === account.id ? snapshot.items : []),
    [snapshot, account],
  );
  const eligible = useMemo(() => items.filter((i) => i.eligible), [items]);
  const names = useMemo(() => new Map(items.map((i) => [i.key, i.groupName])), [items]);

  // The popup's "Save favourites as preset…" opens this page at #new-preset=<keys>.
  useEffect(() => {
    const keys = newPresetKeysFromHash(location.hash);
    if (keys === undefined) return;
    history.replaceState(null, '', location.pathname + location.search);
    setEditing({ draft: emptyDraft(keys) });
    section.current?.scrollIntoView?.();
  }, []);

  useEffect(() => () => clearTimeout(undoTimer.current), []);

  useEffect(() => {
    if (!focus) return;
    const root = section.current;
    let target: HTMLElement | null | undefined;
    if ('selector' in focus) target = root?.querySelector<HTMLElement>(focus.selector);
    else {
      const row = root?.querySelector(`[data-preset-id="${focus.id}"]`);
      target = row?.querySelector<HTMLElement>(`[data-action="${focus.action}"]:not([disabled])`);
      target ??= row?.querySelector<HTMLElement>('button:not([disabled])');
    }
    // The row may not be there yet (storage echoes our write a moment later): try again next render.
    if (!target) return;
    target.focus();
    setFocus(null);
  });

  if (!presets) return null;
  const all = [...presets.mine, ...presets.managed];

  const save = async (next: Preset[]): Promise<boolean> => {
    mine.current = next;
    try {
      await myPresetsItem.set(next);
      return true;
    } catch (error) {
      mine.current = presets.mine;
      setStatus({ text: t('presetsSaveFailed', error instanceof Error ? error.message : String(error)) });
      return false;
    }
  };
  const say = (text: string) => {
    clearTimeout(undoTimer.current);
    setStatus({ text });
  };

  const onSaved = async (preset: Preset) => {
    const list = mine.current;
    const at = list.findIndex((p) => p.id === preset.id);
    const next = at >= 0 ? list.map((p, i) => (i === at ? preset : p)) : [...list, preset];
    if (await save(next)) {
      say(t('presetsSaved', preset.name));
      setEditing(null);
      setFocus({ id: preset.id, action: 'edit' });
    }
  };

  const startNew = () => {
    if (mine.current.length >= PRESET_LIMITS.presets) {
      say(t('presetsFull', String(PRESET_LIMITS.presets)));
      return;
    }
    setEditing({ draft: emptyDraft() });
  };

  const onMove = async (index: number, by: -1 | 1, action: 'up' | 'down') => {
    const list = mine.current;
    const preset = list[index];
    if (!preset) return;
    const next = move(list, index, index + by);
    if (await save(next)) {
      say(t('presetsMoved', preset.name, String(next.indexOf(preset) + 1), String(next.length)));
      setFocus({ id: preset.id, action });
    }
  };

  const onDuplicate = async (index: number) => {
    const list = mine.current;
    if (list.length >= PRESET_LIMITS.presets) {
      say(t('presetsFull', String(PRESET_LIMITS.presets)));
      return;
    }
    const next = duplicate(list, index, { id: newId(), nowMs: Date.now() });
    const copy = next[index + 1];
    if (copy && (await save(next))) {
      say(t('presetsAdded', copy.name));
      setFocus({ id: copy.id, action: 'edit' });
    }
  };

  const onDelete = async (index: number) => {
    const list = mine.current;
    const preset = list[index];
    if (!preset) return;
    if (!(await save(list.filter((p) => p.id !== preset.id)))) return;
    if (editing?.id === preset.id) setEditing(null);
    clearTimeout(undoTimer.current);
    setStatus({ text: t('presetsDeleted', preset.name), undo: { preset, index } });
    setSelected((s) => {
      const n = new Set(s);
      n.delete(preset.id);
      return n;
    });
    setFocus({ selector: '[data-action="undo"]' });
    undoTimer.current = setTimeout(() => {
      const onUndo = document.activeElement?.getAttribute('data-action') === 'undo';
      setStatus((s) => (s.undo?.preset === preset ? { text: '' } : s));
      if (onUndo) setFocus({ selector: '#presets-heading' });
    }, UNDO_MS);
  };

  const onUndo = async () => {
    const undo = status.undo;
    if (!undo) return;
    clearTimeout(undoTimer.current);
    if (await save(restore(mine.current, undo.preset, undo.index))) {
      setStatus({ text: t('presetsRestored', undo.preset.name) });
      setFocus({ id: undo.preset.id, action: 'delete' });
    }
  };

  // ---- share
  const chosen = () => {
    const picked = all.filter((p) => selected.has(presetRef(p)));
    return picked.length > 0 ? picked : all;
  };
  const exportOptions = () => ({ tenantId: accountTenant || tenantId, now: Date.now() });

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
    setFocus({ selector: '#preset-share-code' });
  };

  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(shareCode);
      say(t('presetShareCopied'));
    } catch {
      say(t('presetShareCopyFailed'));
    }
  };

  // ---- import
  const startReview = (result: { ok: true; set: PresetSet } | { ok: false; errors: Sentence[] }) => {
    if (!result.ok) {
      setReview(null);
      setProblems(result.errors);
      setFocus({ selector: '#preset-import-problems' });
      return;
    }
    setProblems([]);
    const eligibleKeys = new Set(eligible.map((i) => i.key));
    setReview(planImport([...mine.current, ...presets.managed], result.set, { tenantId: accountTenant, eligibleKeys }));
  };

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    // Before reading: a file of hundreds of megabytes would otherwise be read whole into memory.
    if (codec.presetFileTooLarge(file.size)) {
      startReview(codec.presetFileTooLargeResult());
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      startReview({ ok: false, errors: [{ key: 'presetImportReadFailed', substitutions: [] }] });
      return;
    }
    startReview(codec.parsePresetFile(text));
  };

  const onReadCode = async (event: Event) => {
    event.preventDefault();
    startReview(await codec.decodeShareCode(codeInput));
  };

  const onImport = async (confirmedAppUrls: ReadonlySet<number>) => {
    if (!review) return;
    const count = addedCount(review);
    // An import never takes an organisation's id either (refs keep them apart; this keeps ids unique).
    const reservedIds = presets.managed.map((p) => p.id);
    if (await save(applyImport(mine.current, review, { reservedIds, confirmedAppUrls }))) {
      setReview(null);
      setCodeInput('');
      say(t('presetImportDone', String(count)));
      setFocus({ selector: '#presets-heading' });
    }
  };

  const onCancelImport = () => {
    setReview(null);
    say(t('presetImportCancelled'));
    setFocus({ selector: '#preset-import-code' });
  };

  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
  const onDragOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    setDragging(false);
    void readFile(e.dataTransfer?.files?.[0]);
  };

  // Selection is by ref: the organisation's preset and the user's may share an id.
  const toggleSelected = (ref: string, on: boolean) =>
    setSelected((s) => {
      const n = new Set(s);
      if (on) n.add(ref);
      else n.delete(ref);
      return n;
    });

  const editor = editing && (
    <PresetEditor
      key={editing.id ?? 'new'}
      initial={editing.draft}
      base={editing.id ? presets.mine.find((p) => p.id === editing.id) : undefined}
      groups={eligible}
      names={names}
      others={[...presets.mine.filter((p) => p.id !== editing.id), ...presets.managed]}
      tenantId={tenantId}
      newId={newId}
      onSave={(p) => void onSaved(p)}
      onCancel={() => {
        const id = editing.id;
        setEditing(null);
        setFocus(id ? { id, action: 'edit' } : { selector: '[data-action="new"]' });
      }}
    />
  );

  const row = (p: Preset, index: number, managed: boolean) => (
    <li key={p.id} class="preset" data-preset-id={p.id} data-managed={managed ? 'true' : undefined}>
      <div class="check">
        <input
          id={`preset-select-${presetRef(p).replace(':', '-')}`}
          type="checkbox"
          checked={selected.has(presetRef(p))}
          aria-label={t('presetsSelectLabel', p.name)}
          onChange={(e) => toggleSelected(presetRef(p), e.currentTarget.checked)}
        />
        <div>
          <p class="preset__name">{p.name}</p>
          {managed && <p class="preset__managed">{t('presetsManagedBadge')}</p>}
          <p class="field__hint">
            {t('presetsSummary', String(p.entries.length), formatMinutes(p.durationMinutes, uiLanguage()))}
          </p>
          {p.note && <p class="field__hint preset__note">{p.note}</p>}
        </div>
      </div>
      {!managed && (
        <div class="preset__actions">
          <button
            type="button"
            class="secondary"
            data-action="edit"
            aria-label={t('presetsEditLabel', p.name)}
            onClick={() => setEditing({ id: p.id, draft: draftOf(p) })}
          >
            {t('presetsEdit')}
          </button>
          <button
            type="button"
            class="secondary"
            data-action="duplicate"
            aria-label={t('presetsDuplicateLabel', p.name)}
            onClick={() => void onDuplicate(index)}
          >
            {t('presetsDuplicate')}
          </button>
          <button
            type="button"
            class="secondary"
            data-action="up"
            disabled={index === 0}
            aria-label={t('presetsMoveUpLabel', p.name)}
            onClick={() => void onMove(index, -1, 'up')}
          >
            {t('presetsMoveUp')}
          </button>
          <button
            type="button"
            class="secondary"
            data-action="down"
            disabled={index === presets.mine.length - 1}
            aria-label={t('presetsMoveDownLabel', p.name)}
            onClick={() => void onMove(index, 1, 'down')}
          >
            {t('presetsMoveDown')}
          </button>
          <button
            type="button"
            class="secondary"
            data-action="delete"
            aria-label={t('presetsDeleteLabel', p.name)}
            onClick={() => void onDelete(index)}
          >
            {t('presetsDelete')}
          </button>
        </div>
      )}
    </li>
  );

  return (
    <section
      ref={section}
      class="presets"
      aria-labelledby="presets-heading"
      data-dragging={dragging ? 'true' : undefined}
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h2 id="presets-heading" tabIndex={-1}>
        {t('presetsHeading')}
      </h2>
      <p class="section-intro">{t('presetsIntro')}</p>
      <div class="form-actions presets__status">
        <span role="status" class="form-status" data-testid="presets-status">
          {status.text}
        </span>
        {status.undo && (
          <button
            type="button"
            class="secondary"
            data-action="undo"
            aria-label={t('presetsUndoLabel', status.undo.preset.name)}
            onClick={() => void onUndo()}
          >
            {t('presetsUndo')}
          </button>
        )}
      </div>

      <h3 id="presets-mine-heading">{t('presetsMineHeading')}</h3>
      {presets.mine.length === 0 ? (
        <p>{t('presetsEmpty')}</p>
      ) : (
        <ul class="preset-list" aria-labelledby="presets-mine-heading">
          {presets.mine.map((p, i) => row(p, i, false))}
        </ul>
      )}
      {editing ? (
        editor
      ) : (
        <button type="button" data-action="new" onClick={startNew}>
          {t('presetsNew')}
        </button>
      )}

      {(presets.managed.length > 0 || presets.managedError) && (
        <>
          <h3 id="presets-managed-heading">{t('presetsManagedHeading')}</h3>
          {presets.managedError && (
            <div class="field__error">
              <p>{t('presetsManagedUnreadable')}</p>
              <ul>
                {presets.managedError.map((s, i) => (
                  <li key={i}>{t(s.key, ...s.substitutions)}</li>
                ))}
              </ul>
            </div>
          )}
          <ul class="preset-list" aria-labelledby="presets-managed-heading">
            {presets.managed.map((p, i) => row(p, i, true))}
          </ul>
        </>
      )}

      <h3 id="preset-share-heading">{t('presetShareHeading')}</h3>
      <p class="section-intro">{t('presetShareIntro')}</p>
      <p>{t('presetShareScope', String(all.filter((p) => selected.has(presetRef(p))).length), String(all.length))}</p>
      <div class="form-actions">
        <button type="button" class="secondary" onClick={() => setSelected(new Set(all.map(presetRef)))}>
          {t('presetShareSelectAll')}
        </button>
        <button type="button" class="secondary" onClick={() => setSelected(new Set())}>
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

      <h3 id="preset-import-heading">{t('presetImportHeading')}</h3>
      <p class="section-intro">{t('presetImportIntro')}</p>
      {dragging && <p class="preset-drop">{t('presetImportDrop')}</p>}
      {review ? (
        <ImportReview
          plan={review}
          names={names}
          onImport={(confirmed) => void onImport(confirmed)}
          onCancel={onCancelImport}
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
                void readFile(input.files?.[0]).finally(() => {
                  input.value = '';
                });
              }}
            />
            <p id="preset-import-file-hint" class="field__hint">
              {t('presetImportFileHint')}
            </p>
          </div>
          <form onSubmit={(e) => void onReadCode(e)} noValidate>
            <div class="field">
              <label for="preset-import-code">{t('presetImportCode')}</label>
              <textarea
                id="preset-import-code"
                rows={3}
                spellcheck={false}
                value={codeInput}
                onInput={(e) => setCodeInput(e.currentTarget.value)}
              />
            </div>
            <button type="submit">{t('presetImportCodeButton')}</button>
          </form>
        </>
      )}
      {problems.length > 0 && (
        <div id="preset-import-problems" class="preset-problems" role="alert" tabIndex={-1}>
          <p>{t('presetImportProblems')}</p>
          <ul>
            {problems.map((s, i) => (
              <li key={i}>{t(s.key, ...s.substitutions)}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
