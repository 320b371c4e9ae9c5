// Why presets were refused, as sentences that say where: "Preset 2, entry 3: groupId is not a
// GUID." Pure: the caller localises each `{ key, substitutions }` with t().
import type * as v from 'valibot';
import type { Sentence } from '../auth-errors.ts';
import type { MessageKey } from '../message-key.ts';
import { PRESET_LIMITS } from './limits.ts';
import { isCleanLine, type PresetProblem } from './schema.ts';

/** Where the presets came from, for the sentences that name it. */
export type PresetSource = 'file' | 'shareCode';

/** At most this many problems are listed; the rest are counted in one last sentence. */
export const MAX_LISTED_PROBLEMS = 5;

const sentence = (key: MessageKey, ...substitutions: string[]): Sentence => ({ key, substitutions });

type PathItem = { key: unknown; origin?: string; value?: unknown };

/** How a sentence names a preset: its name in quotes when it has a usable one, else its number. */
export function presetLabel(raw: unknown, index: number): string {
  const name = typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined;
  if (typeof name === 'string') {
    const trimmed = name.trim();
    if (trimmed !== '' && trimmed.length <= PRESET_LIMITS.name && isCleanLine(trimmed)) return `'${trimmed}'`;
  }
  return String(index + 1);
}

const countOf = (input: unknown): string => String(Array.isArray(input) ? input.length : '?');
const maxOf = (issue: v.BaseIssue<unknown>): string =>
  typeof issue.requirement === 'number' ? String(issue.requirement) : '?';

/** A problem at the top level of the set (not inside a preset). */
function setSentence(issue: v.BaseIssue<unknown>, field: string, missing: boolean): Sentence {
  const code = issue.message as PresetProblem;
  if (field === 'presets') {
    if (code === 'tooMany') return sentence('presetErrorTooManyPresets', countOf(issue.input), maxOf(issue));
    return sentence('presetErrorNoList');
  }
  if (!missing && field === 'tenantId') return sentence('presetErrorSetTenant');
  if (!missing && field === 'exportedAt') return sentence('presetErrorSetDate');
  return sentence('presetErrorSetInvalid', field);
}

function entrySentence(issue: v.BaseIssue<unknown>, preset: string, path: PathItem[]): Sentence {
  const code = issue.message as PresetProblem;
  const entry = String(Number(path[3]?.key) + 1);
  const field = path[4];
  if (field === undefined) {
    if (code === 'duplicateEntry') return sentence('presetErrorEntryDuplicate', preset, entry);
    return sentence('presetErrorEntryNotObject', preset, entry);
  }
  const name = String(field.key);
  if (field.origin === 'key') return sentence('presetErrorEntryMissing', preset, entry, name);
  if (code === 'notGuid') return sentence('presetErrorEntryGroupId', preset, entry);
  if (code === 'accessId') return sentence('presetErrorEntryAccessId', preset, entry);
  return sentence('presetErrorEntryInvalid', preset, entry, name);
}

const FIELD_PROBLEM: Partial<Record<PresetProblem, MessageKey>> = {
  notText: 'presetErrorNotText',
  control: 'presetErrorControl',
  notGuid: 'presetErrorNotGuid',
  notDate: 'presetErrorNotDate',
};

const PRESET_PROBLEM: Partial<Record<PresetProblem, MessageKey>> = {
  nameEmpty: 'presetErrorNameEmpty',
  durationRange: 'presetErrorDuration',
  durationWhole: 'presetErrorDurationWhole',
  url: 'presetErrorUrl',
  urlCredentials: 'presetErrorUrlCredentials',
  managed: 'presetErrorManaged',
};

function presetSentence(issue: v.BaseIssue<unknown>, path: PathItem[]): Sentence {
  const code = issue.message as PresetProblem;
  const index = Number(path[1]?.key);
  const preset = presetLabel(path[1]?.value, index);
  const field = path[2];
  if (field === undefined) {
    if (code === 'duplicateId') return sentence('presetErrorDuplicateId', preset);
    return sentence('presetErrorPresetNotObject', String(index + 1));
  }
  const name = String(field.key);
  if (name === 'entries' && path.length > 3) return entrySentence(issue, preset, path);
  if (field.origin === 'key') {
    return name === 'entries' ? sentence('presetErrorNoEntries', preset) : sentence('presetErrorMissing', preset, name);
  }
  if (name === 'entries') {
    if (code === 'entriesEmpty') return sentence('presetErrorNoEntries', preset);
    if (code === 'tooMany') return sentence('presetErrorTooManyEntries', preset, countOf(issue.input), maxOf(issue));
    return sentence('presetErrorEntriesNotList', preset);
  }
  if (code === 'tooLong') return sentence('presetErrorTooLong', preset, name, maxOf(issue));
  const perField = FIELD_PROBLEM[code];
  if (perField) return sentence(perField, preset, name);
  const own = PRESET_PROBLEM[code];
  return own ? sentence(own, preset) : sentence('presetErrorInvalid', preset, name);
}

/** One issue as one sentence. */
export function issueSentence(issue: v.BaseIssue<unknown>): Sentence {
  const path = (issue.path ?? []) as PathItem[];
  const top = path[0];
  if (top === undefined) return sentence('presetErrorNotPresets');
  const field = String(top.key);
  if (field === 'presets' && path.length > 1) return presetSentence(issue, path);
  return setSentence(issue, field, top.origin === 'key');
}

const topField = (issue: v.BaseIssue<unknown>): unknown => issue.path?.[0]?.key;

/** The issues' first few sentences (duplicates merged), then "…and N more"; never empty. */
export function presetIssueSentences(issues: readonly v.BaseIssue<unknown>[], source: PresetSource): Sentence[] {
  // Not our format, or a version we cannot read: the rest of the issues would only confuse.
  if (issues.length === 0 || issues.some((i) => topField(i) === undefined || topField(i) === 'format')) {
    return [notPresets(source)];
  }
  const version = issues.find((i) => topField(i) === 'version');
  if (version) {
    return [sentence(version.message === 'newerVersion' ? 'presetErrorNewerVersion' : 'presetErrorVersion')];
  }
  const seen = new Map<string, Sentence>();
  for (const issue of issues) {
    const s = issueSentence(issue);
    seen.set(`${s.key}\u0000${s.substitutions.join('\u0000')}`, s);
  }
  return limitSentences([...seen.values()]);
}

/** The first `MAX_LISTED_PROBLEMS`, and a count of the rest. */
export function limitSentences(sentences: Sentence[]): Sentence[] {
  if (sentences.length <= MAX_LISTED_PROBLEMS) return sentences;
  const more = sentences.length - MAX_LISTED_PROBLEMS;
  return [...sentences.slice(0, MAX_LISTED_PROBLEMS), sentence('presetErrorMore', String(more))];
}

export const notPresets = (source: PresetSource): Sentence =>
  sentence(source === 'shareCode' ? 'presetErrorShareCodeNotPresets' : 'presetErrorNotPresets');

/** Problems found before the schema runs. */
export const PRESET_READ_ERRORS = {
  empty: 'presetErrorEmpty',
  notJson: 'presetErrorNotJson',
  tooLarge: 'presetErrorTooLarge',
  shareCodeEmpty: 'presetErrorShareCodeEmpty',
  shareCodePrefix: 'presetErrorShareCodePrefix',
  shareCodeNewer: 'presetErrorShareCodeNewer',
  shareCodeDamaged: 'presetErrorShareCodeDamaged',
  shareCodeTooLarge: 'presetErrorShareCodeTooLarge',
} as const satisfies Record<string, MessageKey>;

export type PresetReadError = keyof typeof PRESET_READ_ERRORS;

export const readError = (problem: PresetReadError): Sentence => sentence(PRESET_READ_ERRORS[problem]);
