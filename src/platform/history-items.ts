import * as v from 'valibot';
import { DEFAULT_RETENTION_DAYS, HISTORY_LIMIT, HISTORY_OUTCOMES, RETENTION_DAYS } from '../core/history.ts';
import { log } from './log.ts';
import { repairable } from './repair.ts';
import { defineItem } from './storage.ts';

// The user's own activation history (core/history.ts), on this device only.

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const ms = v.pipe(v.number(), v.finite());

const entrySchema = v.object({
  id: text(64),
  groupId: text(64),
  groupName: text(512),
  accessId: v.picklist(['member', 'owner']),
  requestedAtMs: ms,
  startMs: ms,
  durationMinutes: v.pipe(v.number(), v.finite(), v.minValue(0)),
  justification: text(1000),
  ticketSystem: v.optional(text(100)),
  ticketNumber: v.optional(text(100)),
  outcome: v.picklist(HISTORY_OUTCOMES),
  error: v.optional(text(2000)),
});

/** Newest first. A damaged entry is dropped on its own (with a logged reason); the rest stay. */
export const historyItem = defineItem({
  key: 'history:activations',
  area: 'local',
  schema: v.pipe(
    v.array(v.unknown()),
    v.transform((raw) =>
      raw.flatMap((entry, index) => {
        const result = v.safeParse(entrySchema, entry);
        if (result.success) return [result.output];
        log.warn('history', `dropping damaged entry ${index} (${result.issues[0]?.message ?? 'invalid'})`);
        return [];
      }),
    ),
    v.maxLength(HISTORY_LIMIT),
  ),
  fallback: [],
});

/** Requests sent that have no recorded answer yet: kept at most, oldest dropped first. */
export const UNANSWERED_LIMIT = 50;

const unansweredSchema = v.object({
  ...v.omit(entrySchema, ['outcome', 'error']).entries,
  /** MSAL's home account id of who sent it: only that account can look the request up. */
  accountId: text(200),
  /** Graph's time when it was sent, to find it among the account's requests. */
  sentAtMs: ms,
});
export type Unanswered = v.InferOutput<typeof unansweredSchema>;

/**
 * Requests sent to Graph whose outcome is not in the history yet (background/unanswered.ts). In
 * local storage, not session: a browser closed before Graph's answer must not lose them.
 */
export const unansweredItem = defineItem({
  key: 'history:unanswered',
  area: 'local',
  schema: v.pipe(
    v.array(v.unknown()),
    v.transform((raw) =>
      raw.flatMap((entry, index) => {
        const result = v.safeParse(unansweredSchema, entry);
        if (result.success) return [result.output];
        log.warn('history', `dropping damaged unanswered request ${index} (${result.issues[0]?.message ?? 'invalid'})`);
        return [];
      }),
    ),
    v.maxLength(UNANSWERED_LIMIT),
  ),
  fallback: [],
});

const changeSchema = v.object({
  id: text(64),
  kind: v.picklist(['deactivate', 'cancel']),
  groupId: text(64),
  accessId: v.picklist(['member', 'owner']),
  /** For a cancel: the request cancelled. */
  requestId: v.optional(text(200)),
  accountId: text(200),
  sentAtMs: ms,
});
export type UnansweredChange = v.InferOutput<typeof changeSchema>;

/** Deactivations and cancels sent whose outcome is not in the history yet (as `history:unanswered`). */
export const unansweredChangesItem = defineItem({
  key: 'history:unansweredChanges',
  area: 'local',
  schema: v.pipe(
    v.array(v.unknown()),
    v.transform((raw) =>
      raw.flatMap((entry, index) => {
        const result = v.safeParse(changeSchema, entry);
        if (result.success) return [result.output];
        log.warn('history', `dropping damaged unanswered change ${index} (${result.issues[0]?.message ?? 'invalid'})`);
        return [];
      }),
    ),
    v.maxLength(UNANSWERED_LIMIT),
  ),
  fallback: [],
});

export const retentionSchema = v.picklist(RETENTION_DAYS);

/** How long to keep the history, in days (the options page; an organisation may set it by policy). */
export const historyRetentionItem = defineItem({
  key: 'settings:historyRetention',
  area: 'local',
  schema: repairable(retentionSchema, DEFAULT_RETENTION_DAYS),
  fallback: DEFAULT_RETENTION_DAYS,
});
