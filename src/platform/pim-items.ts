import * as v from 'valibot';
import { FAVOURITES_MAX } from '../core/list.ts';
import { listRevision } from '../core/list-revision.ts';
import { PIM_LIMITS } from '../core/pim-state.ts';
import { emptyWatchState } from '../core/watch-state.ts';
import { listOf, repairable } from './repair.ts';
import { defineItem } from './storage.ts';

// Storage of the PIM data and the user's activation habits. Declared once here; see items.ts for
// settings and accounts.

const ms = v.pipe(v.number(), v.finite());
/* @__NO_SIDE_EFFECTS__ */
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const access = v.picklist(['member', 'owner']);
/* @__NO_SIDE_EFFECTS__ */
const record = <S extends v.GenericSchema>(value: S, max: number) =>
  v.pipe(
    v.record(text(200), value),
    v.check((r) => Object.keys(r).length <= max, `at most ${max} entries`),
  );

const groupItem = v.object({
  key: text(200),
  groupId: text(PIM_LIMITS.groupId),
  groupName: text(PIM_LIMITS.groupName),
  accessId: access,
  eligible: v.boolean(),
  eligibleUntilMs: v.nullable(ms),
  active: v.optional(
    v.object({ assignmentType: v.picklist(['assigned', 'activated']), startMs: ms, endMs: v.nullable(ms) }),
  ),
  pending: v.optional(
    v.object({
      requestId: text(PIM_LIMITS.requestId),
      createdMs: ms,
      startMs: v.nullable(ms),
      durationMinutes: v.optional(ms),
      justification: v.optional(text(PIM_LIMITS.justification)),
    }),
  ),
  scheduled: v.optional(v.object({ requestId: text(PIM_LIMITS.requestId), startMs: ms, endMs: v.nullable(ms) })),
});

const items = v.pipe(v.array(groupItem), v.maxLength(PIM_LIMITS.items));
const revision = text(64);

/** Which list `cache:snapshot` holds (core/list-revision.ts) and when it was read, written with it. */
export const listStampItem = defineItem({
  key: 'cache:listStamp',
  area: 'local',
  schema: v.nullable(v.object({ revision, fetchedAtMs: ms })),
  fallback: null,
});

/** The last list read from Graph, painted at once when the popup opens. */
export const snapshotItem = defineItem({
  key: 'cache:snapshot',
  area: 'local',
  schema: v.nullable(v.object({ accountId: text(256), fetchedAtMs: ms, items })),
  fallback: null,
  // Read as the popup opens: a string reads several times faster (storage.ts).
  packed: true,
  companion: {
    item: listStampItem,
    of: async (list) =>
      list && { revision: await listRevision(list.accountId, list.items), fetchedAtMs: list.fetchedAtMs },
  },
});

/**
 * The popup's first screen of the list as it last showed it, and what decided it
 * (popup/list-head.ts): the next popup paints it without reading the whole list, when it still holds.
 */
export const listHeadItem = defineItem({
  key: 'cache:listHead',
  area: 'local',
  schema: v.nullable(
    v.object({
      revision,
      accountId: text(256),
      /** The ordering's inputs other than the list (popup/list-head.ts's `headInputs`). */
      inputs: v.string(),
      /** The live keys among `items` when it was written (popup/live.ts). */
      live: v.string(),
      /** How many items the whole list has. */
      total: v.pipe(v.number(), v.integer(), v.minValue(0)),
      items,
    }),
  ),
  fallback: null,
  packed: true,
});

const requirements = v.object({
  maximumMinutes: ms,
  justification: v.boolean(),
  ticket: v.boolean(),
  mfa: v.boolean(),
  authContext: v.optional(text(PIM_LIMITS.authContext)),
  approval: v.boolean(),
});

/** Activation requirements per group and access, read from PIM policies (they rarely change). */
export const policiesItem = defineItem({
  key: 'cache:policies',
  area: 'local',
  schema: record(v.object({ requirements, fetchedAtMs: ms }), PIM_LIMITS.items),
  fallback: {},
  // Read as the popup opens, one per group: a string reads several times faster (storage.ts).
  packed: true,
});

/** Graph's clock minus the local clock, from response Date headers. */
export const clockOffsetItem = defineItem({ key: 'cache:clockOffset', area: 'local', schema: ms, fallback: 0 });

/** What the background is doing for each item (progress, failures until dismissed). */
export const operationsItem = defineItem({
  key: 'session:operations',
  area: 'session',
  schema: record(
    v.object({
      key: text(200),
      kind: v.picklist(['activate', 'deactivate', 'cancel']),
      phase: v.picklist(['running', 'succeeded', 'failed']),
      startedAtMs: ms,
      message: v.optional(text(2000)),
      code: v.optional(text(200)),
    }),
    5000,
  ),
  fallback: {},
});

export const refreshStatusItem = defineItem({
  key: 'session:refresh',
  area: 'session',
  schema: v.object({
    refreshing: v.boolean(),
    lastSuccessMs: ms,
    error: v.optional(text(2000)),
    unreadable: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  }),
  fallback: { refreshing: false, lastSuccessMs: 0 },
});

/** Pinned items (keys), in the user's order. */
export const favouritesItem = defineItem({
  key: 'settings:favourites',
  area: 'local',
  schema: listOf(text(200), FAVOURITES_MAX),
  fallback: [],
});

/** When each item was last activated from the extension, for "recently used" ordering. */
export const recentItem = defineItem({ key: 'settings:recent', area: 'local', schema: record(ms, 200), fallback: {} });

/** Entra accepts justifications up to 500 characters. */
export const JUSTIFICATION_MAX = 500;

/** What the user chose last time, per item, and the last few justifications overall. */
export const activationMemoryItem = defineItem({
  key: 'settings:activationMemory',
  area: 'local',
  schema: v.object({
    perItem: repairable(
      record(
        v.object({
          durationMinutes: v.optional(ms),
          justification: v.optional(text(JUSTIFICATION_MAX)),
          ticketSystem: v.optional(text(100)),
        }),
        2000,
      ),
      {},
    ),
    recentJustifications: listOf(text(JUSTIFICATION_MAX), 10),
  }),
  fallback: { perItem: {}, recentJustifications: [] },
});

/** Half-typed forms, so closing the popup loses nothing. */
export const draftsItem = defineItem({
  key: 'session:drafts',
  area: 'session',
  schema: record(
    v.object({
      justification: v.optional(text(JUSTIFICATION_MAX)),
      durationMinutes: v.optional(ms),
      ticketNumber: v.optional(text(100)),
      ticketSystem: v.optional(text(100)),
      /** The custom start as typed in the datetime-local field. */
      start: v.optional(text(32)),
    }),
    500,
  ),
  fallback: {},
});

const watchedRequest = v.object({
  key: text(200),
  groupName: text(PIM_LIMITS.groupName),
  accessId: access,
  startMs: v.optional(ms),
});

/** What the watcher saw last and what it already said (core/watch.ts), so a restart repeats nothing. */
export const watchStateItem = defineItem({
  key: 'cache:watch',
  area: 'local',
  schema: v.object({
    accountId: text(256),
    activations: record(
      v.object({ groupName: text(PIM_LIMITS.groupName), accessId: access, startMs: ms, endMs: ms }),
      PIM_LIMITS.items,
    ),
    pending: record(watchedRequest, PIM_LIMITS.items),
    scheduled: record(watchedRequest, PIM_LIMITS.items),
    notified: record(ms, 20_000),
    pendingPolls: v.pipe(v.number(), v.integer(), v.minValue(0)),
    nextPendingPollMs: v.nullable(ms),
  }),
  fallback: emptyWatchState(),
});

/**
 * Re-activations the user asked for from an "ends soon" notification: item key → the account that
 * asked, the Graph time to activate at, and whether it ran (until the watcher announced it). (An older release stored only the time: that fails the
 * schema and is dropped, as a re-activation that names no account must be.)
 */
export const reactivationsItem = defineItem({
  key: 'cache:reactivations',
  area: 'local',
  schema: record(v.object({ accountId: text(256), atMs: ms, ran: v.optional(v.boolean()) }), 500),
  fallback: {},
});
