// The presets the popup shows: the user's and the organisation's. Unlike `readAllPresets`
// (src/platform/presets.ts, which explains an invalid policy with the codec's sentences), this
// validates the policy with the schema alone, so the share-code codec and its compression never
// enter the popup's bundle. An invalid policy shows no organisation presets here; the options page
// says why.
import { useEffect, useState } from 'preact/hooks';
import * as v from 'valibot';
import { PARSE_CONFIG, type Preset, presetSetSchema } from '../core/presets/schema.ts';
import type { PresetRun } from '../platform/messages.ts';
import { managedPresetsItem, myPresetsItem, presetRunsItem } from '../platform/preset-items.ts';

/** The organisation's presets from the raw policy value (a set, or its JSON text), each marked managed. */
export function managedPresetsOf(raw: unknown): Preset[] {
  if (raw === undefined || raw === null) return [];
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return [];
    }
  }
  const result = v.safeParse(presetSetSchema, value, PARSE_CONFIG);
  return result.success ? result.output.presets.map((p) => ({ ...p, managed: true as const })) : [];
}

/** The user's presets, then the organisation's; empty until read, then kept current. */
export function usePopupPresets(): Preset[] {
  const [mine, setMine] = useState<Preset[]>([]);
  const [managed, setManaged] = useState<Preset[]>([]);
  useEffect(() => {
    let live = true;
    let changed = { mine: false, managed: false };
    const stops = [
      myPresetsItem.watch((next) => {
        changed = { ...changed, mine: true };
        setMine(next);
      }),
      managedPresetsItem.watch((raw) => {
        changed = { ...changed, managed: true };
        setManaged(managedPresetsOf(raw));
      }),
    ];
    void Promise.all([myPresetsItem.get(), managedPresetsItem.get()]).then(([m, raw]) => {
      if (!live) return;
      if (!changed.mine) setMine(m);
      if (!changed.managed) setManaged(managedPresetsOf(raw));
    });
    return () => {
      live = false;
      for (const stop of stops) stop();
    };
  }, []);
  return [...mine, ...managed];
}

/** The last run of each preset (`session:presetRuns`), kept current. */
export function usePresetRuns(): Readonly<Record<string, PresetRun>> {
  const [runs, setRuns] = useState<Record<string, PresetRun>>({});
  useEffect(() => {
    let live = true;
    let changed = false;
    const stop = presetRunsItem.watch((next) => {
      changed = true;
      setRuns(next);
    });
    void presetRunsItem.get().then((first) => {
      if (live && !changed) setRuns(first);
    });
    return () => {
      live = false;
      stop();
    };
  }, []);
  return runs;
}
