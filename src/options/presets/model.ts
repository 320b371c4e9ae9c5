// Pure helpers of the presets section: the editor's draft and its checks (the schema's own rules,
// so the editor never saves what an import would refuse), list moves, and the export file name.
import * as v from 'valibot';
import { isGuid } from '../../core/connection.ts';
import type { MessageKey } from '../../core/message-key.ts';
import type { AccessId } from '../../core/pim-state.ts';
import { itemKey } from '../../core/pim-state.ts';
import { PRESET_LIMITS } from '../../core/presets/limits.ts';
import { uniqueName } from '../../core/presets/merge.ts';
import { PARSE_CONFIG, type Preset, type PresetProblem, presetSchema } from '../../core/presets/schema.ts';

export interface PresetDraft {
  name: string;
  /** `itemKey(groupId, accessId)` of each chosen group, in the order chosen. */
  entries: string[];
  /** As typed. */
  durationMinutes: string;
  justification: string;
  ticketSystem: string;
  ticketNumber: string;
  appUrl: string;
  note: string;
}

export type DraftField = keyof PresetDraft;
export interface Problem {
  key: MessageKey;
  substitutions: string[];
}
export type DraftProblems = Partial<Record<DraftField, Problem>>;

/** The order fields are checked and focused in. */
export const DRAFT_FIELDS: DraftField[] = [
  'name',
  'entries',
  'durationMinutes',
  'justification',
  'ticketSystem',
  'ticketNumber',
  'appUrl',
  'note',
];

export const DEFAULT_DURATION = 60;

export function emptyDraft(entries: string[] = []): PresetDraft {
  return {
    name: '',
    entries,
    durationMinutes: String(DEFAULT_DURATION),
    justification: '',
    ticketSystem: '',
    ticketNumber: '',
    appUrl: '',
    note: '',
  };
}

export function draftOf(p: Preset): PresetDraft {
  return {
    name: p.name,
    entries: p.entries.map((e) => itemKey(e.groupId, e.accessId)),
    durationMinutes: String(p.durationMinutes),
    justification: p.justification,
    ticketSystem: p.ticketSystem ?? '',
    ticketNumber: p.ticketNumber ?? '',
    appUrl: p.appUrl ?? '',
    note: p.note ?? '',
  };
}

/** `groupId:accessId` back to an entry (a group id never holds a colon). */
export function entryOf(key: string): { groupId: string; accessId: AccessId } | undefined {
  const at = key.lastIndexOf(':');
  const accessId = key.slice(at + 1);
  if (at <= 0 || (accessId !== 'member' && accessId !== 'owner')) return undefined;
  return { groupId: key.slice(0, at), accessId };
}

const NIL_TENANT = '00000000-0000-0000-0000-000000000000';

/** The tenant a new preset belongs to: the signed-in account's, else the configured GUID, else none known. */
export function tenantFor(accountTenant: string | undefined, configuredTenant: string | undefined): string {
  for (const candidate of [accountTenant, configuredTenant]) {
    const value = candidate?.trim().toLowerCase() ?? '';
    if (isGuid(value)) return value;
  }
  return NIL_TENANT;
}

const optional = (s: string) => (s.trim() === '' ? undefined : s);

/** The preset the draft describes (not yet checked). */
export function presetFromDraft(
  draft: PresetDraft,
  options: { base?: Preset | undefined; id: string; tenantId: string; nowMs: number },
): Preset {
  const now = new Date(options.nowMs).toISOString();
  const text = draft.durationMinutes.trim();
  const entries = draft.entries.map(entryOf).filter((e) => e !== undefined);
  const preset: Preset = {
    id: options.base?.id ?? options.id,
    name: draft.name,
    entries,
    durationMinutes: text === '' ? Number.NaN : Number(text),
    justification: draft.justification,
    createdAt: options.base?.createdAt ?? now,
    updatedAt: now,
    tenantId: options.base?.tenantId ?? options.tenantId,
  };
  const extra = {
    ticketSystem: optional(draft.ticketSystem),
    ticketNumber: optional(draft.ticketNumber),
    appUrl: optional(draft.appUrl),
    note: optional(draft.note),
  };
  for (const [k, value] of Object.entries(extra))
    if (value !== undefined) (preset as unknown as Record<string, string>)[k] = value;
  return preset;
}

const MAX: Partial<Record<DraftField, number>> = {
  name: PRESET_LIMITS.name,
  justification: PRESET_LIMITS.justification,
  ticketSystem: PRESET_LIMITS.ticket,
  ticketNumber: PRESET_LIMITS.ticket,
  appUrl: PRESET_LIMITS.url,
  note: PRESET_LIMITS.note,
};

const problem = (key: MessageKey, ...substitutions: string[]): Problem => ({ key, substitutions });

function fieldProblem(field: DraftField, code: PresetProblem): Problem {
  if (code === 'tooLong' && field !== 'entries') return problem('presetFormErrorTooLong', String(MAX[field] ?? ''));
  if (code === 'control') return problem('presetFormErrorControl');
  switch (field) {
    case 'name':
      return problem('presetFormErrorName');
    case 'entries':
      return code === 'tooMany'
        ? problem('presetFormErrorGroupsMany', String(PRESET_LIMITS.entries))
        : problem('presetFormErrorGroups');
    case 'durationMinutes':
      return problem('presetFormErrorDuration');
    case 'appUrl':
      return problem('presetFormErrorUrl');
    default:
      return problem('presetFormErrorControl');
  }
}

/**
 * The draft as a valid preset, or what is wrong with each field. The checks are the schema's
 * (so a saved preset always survives export and import), plus a name no other preset of the user has.
 */
export function checkDraft(
  draft: PresetDraft,
  options: { base?: Preset | undefined; others: readonly Preset[]; id: string; tenantId: string; nowMs: number },
): { ok: true; preset: Preset } | { ok: false; problems: DraftProblems } {
  const candidate = presetFromDraft(draft, options);
  const problems: DraftProblems = {};
  const result = v.safeParse(presetSchema, candidate, PARSE_CONFIG);
  if (!result.success) {
    for (const issue of result.issues) {
      const field = issue.path?.[0]?.key as DraftField | undefined;
      if (field && DRAFT_FIELDS.includes(field) && !problems[field]) {
        problems[field] = fieldProblem(field, issue.message as PresetProblem);
      }
    }
    // Anything else (an id, a date) would be our bug; report it on the name rather than save it.
    if (Object.keys(problems).length === 0) problems.name = problem('presetFormErrorControl');
  }
  const name = draft.name.trim().normalize('NFC').toLowerCase();
  if (!problems.name && options.others.some((p) => p.name.trim().normalize('NFC').toLowerCase() === name)) {
    problems.name = problem('presetFormErrorNameTaken');
  }
  if (result.success && Object.keys(problems).length === 0) return { ok: true, preset: result.output };
  return { ok: false, problems };
}

/** The list with the item at `from` moved to `to` (both clamped). */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (from < 0 || from >= next.length) return next;
  const target = Math.max(0, Math.min(next.length - 1, to));
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** A copy with a fresh id and a free name ("Helpdesk (2)"), placed right after the original. */
export function duplicate(
  list: readonly Preset[],
  index: number,
  options: { id: string; nowMs: number; tenantId?: string },
): Preset[] {
  const original = list[index];
  if (!original) return [...list];
  const now = new Date(options.nowMs).toISOString();
  const names = new Set(list.map((p) => p.name.normalize('NFC').trim().toLowerCase()));
  const { managed: _managed, ...rest } = original;
  const copy: Preset = {
    ...rest,
    id: options.id,
    name: uniqueName(original.name, names),
    entries: original.entries.map((e) => ({ ...e })),
    createdAt: now,
    updatedAt: now,
    ...(options.tenantId ? { tenantId: options.tenantId } : {}),
  };
  const next = [...list];
  next.splice(Math.min(index + 1, next.length), 0, copy);
  return next;
}

/** Puts a deleted preset back at its old place (or the end, if the list got shorter); never twice. */
export function restore(list: readonly Preset[], preset: Preset, index: number): Preset[] {
  if (list.some((p) => p.id === preset.id)) return [...list];
  const next = [...list];
  next.splice(Math.min(index, next.length), 0, preset);
  return next;
}

/** `pim-presets-YYYY-MM-DD.json`, the local calendar day. */
export function exportFileName(nowMs: number): string {
  const d = new Date(nowMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `pim-presets-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.json`;
}

/** The hash the popup's "Save favourites as preset…" opens the options page with. */
export const NEW_PRESET_HASH = 'new-preset';

/** The group keys in `#new-preset=<key>,<key>`, or undefined when the hash is something else. */
export function newPresetKeysFromHash(hash: string): string[] | undefined {
  const match = /^#?new-preset(?:=(.*))?$/.exec(hash);
  if (!match) return undefined;
  let body = match[1] ?? '';
  try {
    body = decodeURIComponent(body);
  } catch {
    body = '';
  }
  return body
    .split(',')
    .map((k) => k.trim())
    .filter((k) => entryOf(k) !== undefined);
}
