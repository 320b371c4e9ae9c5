import * as v from 'valibot';
import { PRESET_LIMITS } from '../core/presets/limits.ts';
import { presetSchema } from '../core/presets/schema.ts';
import { listOf } from './repair.ts';
import { defineItem } from './storage.ts';

// Presets in storage. The user's own are validated like an import on every read; the
// organisation's arrive through managed policy (key `presets`, a preset set) and are read-only.

export const myPresetsItem = defineItem({
  key: 'presets:mine',
  area: 'local',
  schema: listOf(presetSchema, PRESET_LIMITS.presets),
  fallback: [],
});

/** The raw policy value; `readAllPresets` / `managedPresetsOf` (platform/presets.ts) validate it. */
export const managedPresetsItem = defineItem({
  key: 'presets',
  area: 'managed',
  schema: v.unknown(),
  fallback: undefined,
});

const entryResult = v.object({
  groupId: v.string(),
  accessId: v.picklist(['member', 'owner']),
  ok: v.boolean(),
  /** The activation outcome's status when ok ('active', 'pendingApproval', 'scheduled', 'alreadyActive'). */
  status: v.optional(v.string()),
  /** A sentence when not ok. */
  message: v.optional(v.pipe(v.string(), v.maxLength(2000))),
});

/** The last run of each preset by its ref (per entry: done or why not), so a reopened popup still shows it. */
export const presetRunsItem = defineItem({
  key: 'session:presetRuns',
  area: 'session',
  schema: v.record(
    v.string(),
    v.object({
      presetRef: v.string(),
      running: v.boolean(),
      results: v.array(entryResult),
      finishedAtMs: v.optional(v.number()),
    }),
  ),
  fallback: {},
});
