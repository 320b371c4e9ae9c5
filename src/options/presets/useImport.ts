import { useState } from 'preact/hooks';
import type { Sentence } from '../../core/auth-errors.ts';
import type { GroupItem } from '../../core/pim-state.ts';
// Static: the options page already holds the codec (stored presets are validated with it on read).
import * as codec from '../../core/presets/codec.ts';
import { applyImport, type ImportPlan, planImport } from '../../core/presets/merge.ts';
import type { Preset, PresetSet } from '../../core/presets/schema.ts';
import { t } from '../../platform/i18n.ts';
import { addedCount } from './ImportReview.tsx';
import type { FocusRequest } from './useFocusRequest.ts';
import type { MyPresets } from './useMyPresets.ts';

/** Importing presets: a file (chosen or dropped) or a pasted code, always through the review. */
export interface PresetImport {
  review: ImportPlan | null;
  /** Why the last file or code could not be read. */
  problems: Sentence[];
  code: string;
  setCode(code: string): void;
  readFile(file: File | undefined): Promise<void>;
  readCode(event: Event): Promise<void>;
  confirm(confirmedAppUrls: ReadonlySet<number>): Promise<void>;
  cancel(): void;
}

export function useImport(
  mine: MyPresets,
  managed: readonly Preset[],
  /** `eligible` null: not known yet (a partial list), so no entry is marked "not eligible". */
  context: { accountTenant: string; eligible: readonly GroupItem[] | null },
  say: (text: string) => void,
  focusOn: (request: FocusRequest) => void,
): PresetImport {
  const [code, setCode] = useState('');
  const [review, setReview] = useState<ImportPlan | null>(null);
  const [problems, setProblems] = useState<Sentence[]>([]);

  const startReview = (result: { ok: true; set: PresetSet } | { ok: false; errors: Sentence[] }) => {
    if (!result.ok) {
      setReview(null);
      setProblems(result.errors);
      focusOn({ selector: '#preset-import-problems' });
      return;
    }
    setProblems([]);
    const eligibleKeys = context.eligible && new Set(context.eligible.map((i) => i.key));
    setReview(
      planImport([...mine.current(), ...managed], result.set, { tenantId: context.accountTenant, eligibleKeys }),
    );
  };

  return {
    review,
    problems,
    code,
    setCode,
    readFile: async (file) => {
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
    },
    readCode: async (event) => {
      event.preventDefault();
      startReview(await codec.decodeShareCode(code));
    },
    confirm: async (confirmedAppUrls) => {
      if (!review) return;
      const count = addedCount(review);
      // An import never takes an organisation's id either (refs keep them apart; this keeps ids unique).
      const reservedIds = managed.map((p) => p.id);
      if (await mine.save(applyImport(mine.current(), review, { reservedIds, confirmedAppUrls }))) {
        setReview(null);
        setCode('');
        say(t('presetImportDone', String(count)));
        focusOn({ selector: '#presets-heading' });
      }
    },
    cancel: () => {
      setReview(null);
      say(t('presetImportCancelled'));
      focusOn({ selector: '#preset-import-code' });
    },
  };
}
