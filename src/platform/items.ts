import * as v from 'valibot';
import { CLOUD_NAMES, EMPTY_CONNECTION } from '../core/connection.ts';
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

const setting = (max: number) => v.fallback(v.pipe(v.string(), v.maxLength(max)), '');

/** The connection the user typed on the options page. Policy values (below) win field by field. */
export const connectionItem = defineItem({
  key: 'settings:connection',
  area: 'local',
  schema: v.object({
    tenant: setting(256),
    clientId: setting(64),
    cloud: v.fallback(v.picklist(CLOUD_NAMES), 'global'),
  }),
  fallback: EMPTY_CONNECTION,
});

// Pushed by the organisation through managed storage (public/managed-schema.json). Empty means "not set".
export const managedTenantItem = defineItem({ key: 'tenant', area: 'managed', schema: setting(256), fallback: '' });
export const managedClientIdItem = defineItem({ key: 'clientId', area: 'managed', schema: setting(64), fallback: '' });
export const managedCloudItem = defineItem({
  key: 'cloud',
  area: 'managed',
  schema: v.optional(v.picklist(CLOUD_NAMES)),
  fallback: undefined,
});

const accountSchema = v.object({
  id: v.pipe(v.string(), v.maxLength(256)),
  username: v.pipe(v.string(), v.maxLength(256)),
  name: v.pipe(v.string(), v.maxLength(256)),
  tenantId: v.pipe(v.string(), v.maxLength(64)),
});

/**
 * Accounts signed in through the extension (names only; tokens stay in MSAL's cache in the auth
 * host) and which one is active.
 */
export const accountsItem = defineItem({
  key: 'settings:accounts',
  area: 'local',
  schema: v.object({
    activeId: v.fallback(v.string(), ''),
    known: v.fallback(v.pipe(v.array(accountSchema), v.maxLength(20)), []),
  }),
  fallback: { activeId: '', known: [] },
});
