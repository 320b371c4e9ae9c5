import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { PRESET_LIMITS } from '../../core/presets/limits.ts';
import { presetRef } from '../../core/presets/ref.ts';
import type { Preset } from '../../core/presets/schema.ts';
import { t } from '../../platform/i18n.ts';
import { myPresetsItem } from '../../platform/preset-items.ts';
import { draftOf, duplicate, emptyDraft, move, newPresetKeysFromHash, type PresetDraft, restore } from './model.ts';
import type { FocusRequest } from './useFocusRequest.ts';
import type { StatusLine } from './usePresetStatus.ts';

/** The preset being edited (`id` absent for a new one). */
export type Editing = { id?: string; draft: PresetDraft };

export const newId = () => crypto.randomUUID();

/** What the user's list can do; every change writes `presets:mine` at once. */
export interface MyPresets {
  /** The list as last written by this page, or as stored when storage is newer. */
  current(): Preset[];
  /** Writes the list; false (and the reason on the status line) when storage refused it. */
  save(next: Preset[]): Promise<boolean>;
  editing: Editing | null;
  startNew(): void;
  edit(preset: Preset): void;
  cancelEdit(): void;
  saved(preset: Preset): Promise<void>;
  move(index: number, by: -1 | 1, action: 'up' | 'down'): Promise<void>;
  duplicate(index: number): Promise<void>;
  remove(index: number): Promise<void>;
  undo(): Promise<void>;
}

export function useMyPresets(
  stored: Preset[] | undefined,
  line: StatusLine,
  focusOn: (request: FocusRequest) => void,
  section: RefObject<HTMLElement | null>,
  unselect: (key: string) => void,
): MyPresets {
  const [editing, setEditing] = useState<Editing | null>(null);
  // Our own last write, so quick successive actions never work on a list storage has not echoed yet.
  const mine = useRef<Preset[]>([]);
  const lastSeen = useRef<Preset[] | undefined>(undefined);
  if (stored && stored !== lastSeen.current) {
    lastSeen.current = stored;
    mine.current = stored;
  }

  // The popup's "Save favourites as preset…" opens this page at #new-preset=<keys>.
  useEffect(() => {
    const keys = newPresetKeysFromHash(location.hash);
    if (keys === undefined) return;
    history.replaceState(null, '', location.pathname + location.search);
    setEditing({ draft: emptyDraft(keys) });
    section.current?.scrollIntoView?.();
  }, []);

  const { say } = line;
  const save = async (next: Preset[]): Promise<boolean> => {
    mine.current = next;
    try {
      await myPresetsItem.set(next);
      return true;
    } catch (error) {
      mine.current = lastSeen.current ?? [];
      line.report(t('presetsSaveFailed', error instanceof Error ? error.message : String(error)));
      return false;
    }
  };
  const full = () => {
    if (mine.current.length < PRESET_LIMITS.presets) return false;
    say(t('presetsFull', String(PRESET_LIMITS.presets)));
    return true;
  };

  return {
    current: () => mine.current,
    save,
    editing,
    startNew: () => {
      if (!full()) setEditing({ draft: emptyDraft() });
    },
    edit: (preset) => setEditing({ id: preset.id, draft: draftOf(preset) }),
    cancelEdit: () => {
      const id = editing?.id;
      setEditing(null);
      focusOn(id ? { id, action: 'edit' } : { selector: '[data-action="new"]' });
    },
    saved: async (preset) => {
      const list = mine.current;
      const at = list.findIndex((p) => p.id === preset.id);
      const next = at >= 0 ? list.map((p, i) => (i === at ? preset : p)) : [...list, preset];
      if (await save(next)) {
        say(t('presetsSaved', preset.name));
        setEditing(null);
        focusOn({ id: preset.id, action: 'edit' });
      }
    },
    move: async (index, by, action) => {
      const list = mine.current;
      const preset = list[index];
      if (!preset) return;
      const next = move(list, index, index + by);
      if (await save(next)) {
        say(t('presetsMoved', preset.name, String(next.indexOf(preset) + 1), String(next.length)));
        focusOn({ id: preset.id, action });
      }
    },
    duplicate: async (index) => {
      if (full()) return;
      const next = duplicate(mine.current, index, { id: newId(), nowMs: Date.now() });
      const copy = next[index + 1];
      if (copy && (await save(next))) {
        say(t('presetsAdded', copy.name));
        focusOn({ id: copy.id, action: 'edit' });
      }
    },
    remove: async (index) => {
      const list = mine.current;
      const preset = list[index];
      if (!preset) return;
      if (!(await save(list.filter((p) => p.id !== preset.id)))) return;
      if (editing?.id === preset.id) setEditing(null);
      line.offerUndo(preset, index);
      // Ticked for sharing by ref (`mine:<id>`), as the list ticks it: a deleted preset is not shared.
      unselect(presetRef(preset));
    },
    undo: async () => {
      const undo = line.takeUndo();
      if (!undo) return;
      if (await save(restore(mine.current, undo.preset, undo.index))) {
        say(t('presetsRestored', undo.preset.name));
        focusOn({ id: undo.preset.id, action: 'delete' });
      }
    },
  };
}
