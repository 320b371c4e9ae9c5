// The one schema for presets from outside: a file, a share code, an organisation's policy.
// Strict: ids are GUIDs, bounds are Entra's, unknown fields are dropped, text stays text.
// Each check's message is a `PresetProblem` code; errors.ts turns the issues into sentences.
import * as v from 'valibot';
import { isGuid } from '../connection.ts';
import type { AccessId } from '../pim-state.ts';
import { parseHttpsUrl, safeHttpsUrl } from '../safe-url.ts';
import { PRESET_LIMITS as L, PRESET_FORMAT, PRESET_FORMAT_VERSION } from './limits.ts';

export interface PresetEntry {
  /** The group's object id (a lower-case GUID). */
  groupId: string;
  accessId: AccessId;
}

export interface Preset {
  /** A GUID, unique in the set. */
  id: string;
  /** Trimmed, 1–100 characters. */
  name: string;
  /** 1–50 entries, each (groupId, accessId) once. */
  entries: PresetEntry[];
  /** Whole minutes, 5–1440. */
  durationMinutes: number;
  /** A justification template with `{date}` and `{ticket}` placeholders (template.ts); may be empty. */
  justification: string;
  ticketSystem?: string;
  ticketNumber?: string;
  /** An https address to open after activation; empty = none. */
  appUrl?: string;
  note?: string;
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
  /** The tenant the preset was made in (a lower-case GUID). */
  tenantId: string;
  /** Pushed by the organisation: shown locked, never overwritten by an import. */
  managed?: true;
}

export interface PresetSet {
  format: typeof PRESET_FORMAT;
  version: typeof PRESET_FORMAT_VERSION;
  /** The tenant the set was exported from. */
  tenantId?: string;
  exportedAt?: string;
  presets: Preset[];
}

/** Why a value was refused; carried as the message. */
export type PresetProblem =
  | 'notPresets'
  | 'newerVersion'
  | 'version'
  | 'notObject'
  | 'notList'
  | 'notText'
  | 'tooLong'
  | 'control'
  | 'notGuid'
  | 'notDate'
  | 'nameEmpty'
  | 'durationWhole'
  | 'durationRange'
  | 'accessId'
  | 'url'
  | 'urlCredentials'
  | 'managed'
  | 'entriesEmpty'
  | 'tooMany'
  | 'duplicateEntry'
  | 'duplicateId';

const problem = (code: PresetProblem): string => code;

// C0 and C1 controls (tab and newline included), line and paragraph separators, bidirectional
// embeddings, overrides and isolates (they can make a name read as another), unpaired surrogates.
const INVISIBLE = '\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\uD800-\\uDFFF';
const FORBIDDEN_IN_LINE = new RegExp(`[\\p{Cc}${INVISIBLE}]`, 'u');
/** The same, but newline and tab are allowed (notes, justification templates). */
const FORBIDDEN_IN_TEXT = new RegExp(`(?![\\n\\t])\\p{Cc}|[${INVISIBLE}]`, 'u');

export const isCleanLine = (s: string): boolean => !FORBIDDEN_IN_LINE.test(s);
export const isCleanText = (s: string): boolean => !FORBIDDEN_IN_TEXT.test(s);

const isRecord = (x: unknown): boolean => typeof x === 'object' && x !== null && !Array.isArray(x);

/** An object with these fields, the rest dropped; an array or a primitive is `notObject`. */
const record = <E extends v.ObjectEntries>(entries: E) =>
  v.pipe(v.unknown(), v.check(isRecord, problem('notObject')), v.object(entries, problem('notObject')));

/** One line of text: trimmed, bounded, no control characters. */
const line = (max: number) =>
  v.pipe(
    v.string(problem('notText')),
    v.trim(),
    v.maxLength(max, problem('tooLong')),
    v.check(isCleanLine, problem('control')),
  );

/** Several lines: Windows line ends become `\n`; tab and newline are the only controls allowed. */
const text = (max: number) =>
  v.pipe(
    v.string(problem('notText')),
    v.transform((s) => s.replace(/\r\n?/g, '\n')),
    v.trim(),
    v.maxLength(max, problem('tooLong')),
    v.check(isCleanText, problem('control')),
  );

const guid = v.pipe(v.string(problem('notGuid')), v.check(isGuid, problem('notGuid')), v.toLowerCase());

const timestamp = v.pipe(
  v.string(problem('notDate')),
  v.isoTimestamp(problem('notDate')),
  v.check((s) => Number.isFinite(Date.parse(s)), problem('notDate')),
);

const appUrl = v.pipe(
  line(L.url),
  // An absolute https address without a user name or password (which can disguise the host).
  v.check((s) => s === '' || parseHttpsUrl(s) !== undefined, problem('url')),
  v.check(
    (s) => s === '' || parseHttpsUrl(s) === undefined || safeHttpsUrl(s) !== undefined,
    problem('urlCredentials'),
  ),
);

const entry = record({
  groupId: guid,
  accessId: v.picklist(['member', 'owner'], problem('accessId')),
});

const entries = v.pipe(
  v.array(v.unknown(), problem('notList')),
  v.minLength(1, problem('entriesEmpty')),
  v.maxLength(L.entries, problem('tooMany')),
  v.array(entry),
  v.checkItems(
    (e, i, all) => all.findIndex((o) => o.groupId === e.groupId && o.accessId === e.accessId) === i,
    problem('duplicateEntry'),
  ),
);

const preset = record({
  id: guid,
  name: v.pipe(
    v.string(problem('notText')),
    v.trim(),
    v.minLength(1, problem('nameEmpty')),
    v.maxLength(L.name, problem('tooLong')),
    v.check(isCleanLine, problem('control')),
  ),
  entries,
  durationMinutes: v.pipe(
    v.number(problem('durationWhole')),
    v.minValue(L.minMinutes, problem('durationRange')),
    v.maxValue(L.maxMinutes, problem('durationRange')),
    v.integer(problem('durationWhole')),
  ),
  justification: text(L.justification),
  ticketSystem: v.optional(line(L.ticket)),
  ticketNumber: v.optional(line(L.ticket)),
  appUrl: v.optional(appUrl),
  note: v.optional(text(L.note)),
  createdAt: timestamp,
  updatedAt: timestamp,
  tenantId: guid,
  managed: v.optional(v.literal(true, problem('managed'))),
});

const presets = v.pipe(
  v.array(v.unknown(), problem('notList')),
  v.maxLength(L.presets, problem('tooMany')),
  v.array(preset),
  v.checkItems((p, i, all) => all.findIndex((o) => o.id === p.id) === i, problem('duplicateId')),
);

const isNewer = (x: unknown): boolean => typeof x === 'number' && Number.isInteger(x) && x > PRESET_FORMAT_VERSION;

const setSchema = v.pipe(
  v.unknown(),
  v.check(isRecord, problem('notPresets')),
  v.object(
    {
      format: v.literal(PRESET_FORMAT, problem('notPresets')),
      version: v.pipe(
        v.unknown(),
        v.check((x) => !isNewer(x), problem('newerVersion')),
        v.literal(PRESET_FORMAT_VERSION, problem('version')),
      ),
      tenantId: v.optional(guid),
      exportedAt: v.optional(timestamp),
      presets,
    },
    problem('notPresets'),
  ),
);

/** Validates a parsed presets file; run with `abortPipeEarly` so each field reports one problem. */
export const presetSetSchema: v.GenericSchema<unknown, PresetSet> = setSchema;
/** One preset, e.g. from an organisation's policy. */
export const presetSchema: v.GenericSchema<unknown, Preset> = preset;

/** The configuration every caller uses: one problem per field, every field checked. */
export const PARSE_CONFIG = { abortPipeEarly: true } as const;
