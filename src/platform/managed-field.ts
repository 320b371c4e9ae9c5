import * as v from 'valibot';
import { MIN_ACTIVATION_MINUTES } from '../core/duration.ts';
import { repairable } from './repair.ts';
import { defineItem } from './storage.ts';

// The one managed setting the popup's first paint reads, apart from managed-settings.ts and what it
// pulls in (notification and history items), which the popup does not need.

/** The value, or undefined (= not set by policy); an invalid value is ignored and the repair logged by storage.ts. */
export function policyField<S extends v.GenericSchema>(schema: S) {
  const optional = v.optional(schema);
  return repairable<typeof optional>(optional, undefined);
}

/** Longest PIM allows is a day; the group's policy maximum still caps it when activating. */
export const MAX_DEFAULT_MINUTES = 1440;

export const managedDefaultDurationItem = defineItem({
  key: 'defaultDurationMinutes',
  area: 'managed',
  schema: policyField(
    v.pipe(v.number(), v.integer(), v.minValue(MIN_ACTIVATION_MINUTES), v.maxValue(MAX_DEFAULT_MINUTES)),
  ),
  fallback: undefined,
});
