import * as v from 'valibot';
import { defineItem } from './storage.ts';

// Every storage key the extension uses is declared here, once.

/** The layout version of `local` storage; migrations move it forward. 0 means "never migrated". */
export const schemaVersionItem = defineItem({
  key: 'meta:schemaVersion',
  area: 'local',
  schema: v.pipe(v.number(), v.integer(), v.minValue(0)),
  fallback: 0,
});

/** Service-worker wake-ups and handled alarms: what the idle-cost benchmark and support read. */
export const diagnosticsItem = defineItem({
  key: 'diag:events',
  area: 'local',
  schema: v.object({
    workerStarts: v.fallback(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
    recent: v.fallback(
      v.array(
        v.object({
          kind: v.picklist(['worker-start', 'alarm']),
          name: v.optional(v.string()),
          at: v.number(),
          worker: v.string(),
        }),
      ),
      [],
    ),
  }),
  fallback: { workerStarts: 0, recent: [] },
});
