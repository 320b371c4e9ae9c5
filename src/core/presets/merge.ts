// Importing a set into the user's presets: first a plan the user reviews (what is new, what is
// already there, what gets renamed, which groups they cannot activate, whether it comes from
// another tenant), then the new list. Nothing here activates anything.
import { itemKey } from '../pim-state.ts';
import { PRESET_LIMITS } from './limits.ts';
import type { Preset, PresetEntry, PresetSet } from './schema.ts';

/**
 * - `add`: new, added as is.
 * - `duplicate`: the same as a preset the user has (or one added earlier in this import): skipped.
 * - `rename`: a preset with this name exists with other content: added under `name`, e.g. "Helpdesk (2)".
 * - `full`: the user's list already holds the most presets allowed: skipped.
 */
export type ImportAction = 'add' | 'duplicate' | 'rename' | 'full';

export interface PlannedEntry extends PresetEntry {
  /** The user is not eligible for this group and access (now): activating it would fail. */
  notEligible: boolean;
}

export interface PlannedPreset {
  action: ImportAction;
  /** The preset as imported. */
  preset: Preset;
  /** The name it gets: the imported one, or the new one for `rename`. */
  name: string;
  /** For `duplicate`: the name of the preset it repeats. */
  duplicateOf?: string;
  entries: PlannedEntry[];
  /** How many of its entries the user is not eligible for. */
  notEligibleCount: number;
  /** It was made in another tenant than the user's. */
  otherTenant: boolean;
}

export interface ImportPlan {
  /** The set (or, without a tenant of its own, one of its presets) comes from another tenant than the user's. */
  otherTenant: boolean;
  items: PlannedPreset[];
}

export interface ImportContext {
  /** The signed-in user's tenant id; empty when not known (then nothing counts as another tenant). */
  tenantId: string;
  /** `itemKey(groupId, accessId)` of everything the user is eligible for; null = not known yet (nothing is marked). */
  eligibleKeys: ReadonlySet<string> | null;
}

const folded = (s: string | undefined): string => (s ?? '').normalize('NFC').trim().toLowerCase();
const sameTenant = (a: string | undefined, b: string): boolean => !a || !b || folded(a) === folded(b);

/** What a preset does, independent of its id, dates, tenant and origin; entry order does not matter. */
export function presetContent(p: Preset): string {
  const entries = p.entries.map((e) => itemKey(e.groupId.toLowerCase(), e.accessId)).sort();
  return JSON.stringify([
    folded(p.name),
    entries,
    p.durationMinutes,
    p.justification,
    p.ticketSystem ?? '',
    p.ticketNumber ?? '',
    p.appUrl ?? '',
    p.note ?? '',
  ]);
}

/** The first `max` UTF-16 units of `s`, without splitting a surrogate pair. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const last = s.charCodeAt(max - 1);
  return s.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** `name`, or "name (2)", "name (3)", … — the first that no preset in `taken` (folded) has; at most 100 characters. */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(folded(name))) return name;
  const numbered = /^(.*\S) \((\d{1,6})\)$/u.exec(name);
  const base = numbered?.[1] ?? name;
  for (let n = numbered ? Number(numbered[2]) + 1 : 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${cut(base, PRESET_LIMITS.name - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(folded(candidate))) return candidate;
  }
}

/** What importing `incoming` into `existing` would do, for the user to review. */
export function planImport(existing: readonly Preset[], incoming: PresetSet, context: ImportContext): ImportPlan {
  const names = new Set(existing.map((p) => folded(p.name)));
  const contents = new Map(existing.map((p) => [presetContent(p), p.name]));
  let room = PRESET_LIMITS.presets - existing.filter((p) => p.managed !== true).length;
  const items = incoming.presets.map((preset): PlannedPreset => {
    const entries = preset.entries.map((e) => ({
      groupId: e.groupId,
      accessId: e.accessId,
      notEligible: context.eligibleKeys !== null && !context.eligibleKeys.has(itemKey(e.groupId, e.accessId)),
    }));
    const base = {
      preset,
      entries,
      notEligibleCount: entries.filter((e) => e.notEligible).length,
      otherTenant: !sameTenant(preset.tenantId, context.tenantId),
    };
    const content = presetContent(preset);
    const duplicateOf = contents.get(content);
    if (duplicateOf !== undefined) return { ...base, action: 'duplicate', name: preset.name, duplicateOf };
    if (room <= 0) return { ...base, action: 'full', name: preset.name };
    room -= 1;
    const name = uniqueName(preset.name, names);
    names.add(folded(name));
    contents.set(content, name);
    return { ...base, action: name === preset.name ? 'add' : 'rename', name };
  });
  const otherTenant = incoming.tenantId
    ? !sameTenant(incoming.tenantId, context.tenantId)
    : items.some((i) => i.otherTenant);
  return { otherTenant, items };
}

export interface ApplyOptions {
  /** A new preset id (a GUID) per imported preset; `crypto.randomUUID` when absent. */
  newId?: () => string;
  /** Ids an imported preset must not take besides the existing ones': the organisation's presets'. */
  reservedIds?: readonly string[];
  /**
   * Indexes (in `plan.items`) of the presets whose app page the user confirmed in the review. An
   * imported app page is only a suggestion: every other imported preset is added without it.
   */
  confirmedAppUrls?: ReadonlySet<number>;
}

/**
 * The user's presets after the import: the existing ones unchanged and in order (managed ones
 * included), then the planned additions with new ids, as user presets (never `managed`).
 */
export function applyImport(existing: readonly Preset[], plan: ImportPlan, options: ApplyOptions = {}): Preset[] {
  const newId = options.newId ?? (() => crypto.randomUUID());
  const ids = new Set([...existing.map((p) => p.id), ...(options.reservedIds ?? [])].map((id) => id.toLowerCase()));
  const names = new Set(existing.map((p) => folded(p.name)));
  let room = PRESET_LIMITS.presets - existing.filter((p) => p.managed !== true).length;
  const added: Preset[] = [];
  for (const [index, item] of plan.items.entries()) {
    if ((item.action !== 'add' && item.action !== 'rename') || room <= 0) continue;
    let id = newId().toLowerCase();
    for (let tries = 0; ids.has(id) && tries < 100; tries++) id = newId().toLowerCase();
    while (ids.has(id)) id = crypto.randomUUID();
    ids.add(id);
    // The list may have changed since the plan was made: a name is never shared, even then.
    const name = uniqueName(item.name, names);
    names.add(folded(name));
    room -= 1;
    const { managed: _managed, appUrl, ...preset } = item.preset;
    const confirmed = appUrl && options.confirmedAppUrls?.has(index) ? { appUrl } : {};
    added.push({ ...preset, ...confirmed, entries: preset.entries.map((e) => ({ ...e })), id, name });
  }
  return [...existing, ...added];
}
