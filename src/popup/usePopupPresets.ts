// The presets the popup shows: the user's and the organisation's. Unlike `readAllPresets`
// (src/platform/presets.ts, which explains an invalid policy with the codec's sentences), this
// validates the policy with the schema alone, so the share-code codec and its compression never
// enter the popup's bundle. An invalid policy shows no organisation presets here; the options page
// says why.
import { useMemo } from 'preact/hooks';
import * as v from 'valibot';
import { PARSE_CONFIG, type Preset, presetSetSchema } from '../core/presets/schema.ts';
import type { PresetRun } from '../platform/messages.ts';
import { managedPresetsItem, myPresetsItem, presetRunsItem } from '../platform/preset-items.ts';
import { useStored } from '../ui/useStored.ts';

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
  // Apart: the user's own list shows without waiting seconds for a first managed read.
  const mine = useStored(myPresetsItem);
  const raw = useStored(managedPresetsItem);
  return useMemo(() => [...(mine ?? []), ...managedPresetsOf(raw)], [mine, raw]);
}

const NO_RUNS: Readonly<Record<string, PresetRun>> = {};

/** The last run of each preset (`session:presetRuns`), kept current. */
export function usePresetRuns(): Readonly<Record<string, PresetRun>> {
  return useStored(presetRunsItem) ?? NO_RUNS;
}
