import { useEffect, useRef, useState } from 'preact/hooks';
import type { Preset } from '../../core/presets/schema.ts';
import { t } from '../../platform/i18n.ts';
import type { FocusRequest } from './useFocusRequest.ts';

/** How long "Deleted X. Undo" stays. */
export const UNDO_MS = 15_000;

/** The section's status line: what the last action did, and the deleted preset Undo would put back. */
export type PresetStatus = { text: string; undo?: { preset: Preset; index: number } };

export interface StatusLine {
  status: PresetStatus;
  /** Says what happened; an Undo on offer goes. */
  say(text: string): void;
  /** Says what went wrong, leaving the Undo timer running (it only clears an Undo still shown). */
  report(text: string): void;
  /** "Deleted X" with Undo for UNDO_MS; focus moves to Undo, and back to the heading when it goes. */
  offerUndo(preset: Preset, index: number): void;
  /** The deletion Undo would put back, if one is on offer; its timer stops. */
  takeUndo(): PresetStatus['undo'];
}

export function usePresetStatus(focusOn: (request: FocusRequest) => void): StatusLine {
  const [status, setStatus] = useState<PresetStatus>({ text: '' });
  const undoTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(undoTimer.current), []);

  const say = (text: string) => {
    clearTimeout(undoTimer.current);
    setStatus({ text });
  };
  const report = (text: string) => setStatus({ text });
  const offerUndo = (preset: Preset, index: number) => {
    clearTimeout(undoTimer.current);
    setStatus({ text: t('presetsDeleted', preset.name), undo: { preset, index } });
    focusOn({ selector: '[data-action="undo"]' });
    undoTimer.current = setTimeout(() => {
      const onUndo = document.activeElement?.getAttribute('data-action') === 'undo';
      setStatus((s) => (s.undo?.preset === preset ? { text: '' } : s));
      if (onUndo) focusOn({ selector: '#presets-heading' });
    }, UNDO_MS);
  };
  const takeUndo = () => {
    if (status.undo) clearTimeout(undoTimer.current);
    return status.undo;
  };
  return { status, say, report, offerUndo, takeUndo };
}
