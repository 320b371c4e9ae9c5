import * as v from 'valibot';
import { CLOUD_NAMES, EMPTY_CONNECTION } from '../core/connection.ts';
import { listOf, repairable } from './repair.ts';
import { defineItem } from './storage.ts';

// The settings and account keys. Every storage key is declared once: these here, the others beside
// their feature (pim-items.ts, preset-items.ts, history-items.ts, notification-items.ts).

/** The layout version of `local` storage; migrations move it forward. 0 means "never migrated". */
export const schemaVersionItem = defineItem({
  key: 'meta:schemaVersion',
  area: 'local',
  schema: v.pipe(v.number(), v.integer(), v.minValue(0)),
  fallback: 0,
});

/** How many recent wake-ups and alarms the diagnostics ring keeps. */
export const DIAGNOSTIC_EVENTS_KEPT = 50;

/** Service-worker wake-ups and handled alarms: what the idle-cost benchmark and support read. */
export const diagnosticsItem = defineItem({
  key: 'diag:events',
  area: 'local',
  schema: v.object({
    workerStarts: repairable(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
    recent: listOf(
      v.object({
        kind: v.picklist(['worker-start', 'alarm']),
        name: v.optional(v.string()),
        at: v.number(),
        worker: v.string(),
      }),
      DIAGNOSTIC_EVENTS_KEPT,
    ),
  }),
  fallback: { workerStarts: 0, recent: [] },
});

/* @__NO_SIDE_EFFECTS__ */
const setting = (max: number) => repairable(v.pipe(v.string(), v.maxLength(max)), '');

/** The connection the user typed on the options page. Policy values (below) win field by field. */
export const connectionItem = defineItem({
  key: 'settings:connection',
  area: 'local',
  schema: v.object({
    tenant: setting(256),
    clientId: setting(64),
    cloud: repairable(v.picklist(CLOUD_NAMES), 'global'),
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

/** More sign-ins than this keep the most recent ones. */
export const MAX_ACCOUNTS = 20;

const accountSchema = v.object({
  id: v.pipe(v.string(), v.maxLength(256)),
  username: v.pipe(v.string(), v.maxLength(256)),
  name: v.pipe(v.string(), v.maxLength(256)),
  tenantId: v.pipe(v.string(), v.maxLength(64)),
  objectId: v.optional(v.pipe(v.string(), v.maxLength(64))),
  signInNeeded: v.optional(v.boolean()),
  /** The id token's `login_hint` optional claim, when the app registration asks for it (for Entra's logout_hint). */
  loginHint: v.optional(v.pipe(v.string(), v.maxLength(2048))),
});

/**
 * Accounts signed in through the extension (names only; tokens stay in MSAL's cache in the auth
 * host) and which one is active.
 */
export const accountsItem = defineItem({
  key: 'settings:accounts',
  area: 'local',
  schema: v.object({
    activeId: repairable(v.string(), ''),
    known: listOf(accountSchema, MAX_ACCOUNTS),
  }),
  fallback: { activeId: '', known: [] },
});
