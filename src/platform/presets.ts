// Every preset the user can apply: their own (`presets:mine`) and the organisation's (managed
// policy `presets`, a preset set, read-only). The policy value is untrusted: it is validated like
// a file, and an invalid one is ignored as a whole, its reasons kept for the options page.
import * as v from 'valibot';
import type { Sentence } from '../core/auth-errors.ts';
import { type Preset, parsePresetRef, validatePresetSet } from '../core/presets/index.ts';
import { isEmptyOrSafeHttpsUrl } from '../core/safe-url.ts';
import { policyOver, readPolicyOver } from './follow-storage.ts';
import { log } from './log.ts';
import { managedPresetsItem, myPresetsItem } from './preset-items.ts';
import { repairable } from './repair.ts';
import { defineItem } from './storage.ts';

export interface AllPresets {
  /** The user's own, in their order; never marked managed. */
  mine: Preset[];
  /** The organisation's, each with `managed: true`; empty when there is no policy or it is invalid. */
  managed: Preset[];
  /** Why the organisation's policy value was ignored (at most 5 sentences and "…and N more"). */
  managedError?: Sentence[];
}

let lastLoggedProblem = '';

/** The policy value as presets, or why it was ignored. A JSON string (Firefox policies) is read too. */
export function managedPresetsOf(raw: unknown): Pick<AllPresets, 'managed' | 'managedError'> {
  if (raw === undefined || raw === null) return { managed: [] };
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      // Left as the string: the validation below reports "not a presets file".
    }
  }
  const result = validatePresetSet(value, 'file');
  if (result.ok) {
    lastLoggedProblem = '';
    return { managed: result.set.presets.map((p) => ({ ...p, managed: true })) };
  }
  // Logged once per distinct problem, not on every read.
  const problem = JSON.stringify(result.errors);
  if (problem !== lastLoggedProblem) {
    lastLoggedProblem = problem;
    log.warn('presets', 'the organisation’s presets policy is invalid and ignored', result.errors);
  }
  return { managed: [], managedError: result.errors };
}

/**
 * The user's presets beside the organisation's: read at once with `readPolicyOver`, followed by the
 * options page with `usePolicyOver` (the one "newest value wins" rule of follow-storage.ts, so an
 * older read finishing last never puts back a list from before the user's latest change).
 */
export const allPresetsSetting = policyOver({ mine: myPresetsItem, managed: managedPresetsItem }, ({ mine, managed }) =>
  allPresets(mine, managed),
);

export function readAllPresets(): Promise<AllPresets> {
  return readPolicyOver(allPresetsSetting);
}

function allPresets(
  mine: Awaited<ReturnType<typeof myPresetsItem.get>>,
  raw: Awaited<ReturnType<typeof managedPresetsItem.get>>,
): AllPresets {
  return { mine: mine.map(({ managed: _managed, ...own }) => own), ...managedPresetsOf(raw) };
}

/**
 * The preset a ref names (`org:<id>` or `mine:<id>`), looked up only in that list: the user's own
 * preset can never stand in for the organisation's of the same id, nor the other way round.
 */
export async function findPreset(ref: unknown): Promise<Preset | undefined> {
  const parsed = parsePresetRef(ref);
  if (!parsed) return undefined;
  const { mine, managed } = await readAllPresets();
  return (parsed.origin === 'org' ? managed : mine).find((p) => p.id === parsed.id);
}

// ---------------------------------------------------------------------------------------------
// The app a preset names, for the "sign out and in" prompt of the items it activated.

/** A day: no activation lasts longer, so a prompt after that is not about this preset's run. */
export const PRESET_APP_URL_LIFETIME_MS = 24 * 60 * 60_000;

/**
 * `{ [itemKey]: { url, atMs } }`: written when a preset with an `appUrl` is applied (and cleared
 * for its items when it has none), read by the notification's "Sign out and in" button, which
 * then returns to that app instead of the settings' app URL. Local, so it survives a restart.
 */
export const presetAppUrlsItem = defineItem({
  key: 'presets:appUrls',
  area: 'local',
  // The address is re-checked on every read: it is opened after sign-out (core/safe-url.ts).
  schema: v.record(
    v.string(),
    v.object({
      url: repairable(v.pipe(v.string(), v.maxLength(2000), v.check(isEmptyOrSafeHttpsUrl)), ''),
      atMs: v.number(),
    }),
  ),
  fallback: {},
});

/** Remembers (or forgets, with an empty url) the preset's app for these items. */
export async function rememberPresetAppUrl(keys: readonly string[], url: string, nowMs = Date.now()): Promise<void> {
  await presetAppUrlsItem.update((stored) => {
    const next = Object.fromEntries(
      Object.entries(stored).filter(([key, e]) => !keys.includes(key) && nowMs - e.atMs < PRESET_APP_URL_LIFETIME_MS),
    );
    if (url) for (const key of keys) next[key] = { url, atMs: nowMs };
    return next;
  });
}

/** The app of the preset that last activated this item, within a day; undefined otherwise. */
export async function presetAppUrlFor(key: string, nowMs = Date.now()): Promise<string | undefined> {
  const entry = (await presetAppUrlsItem.get())[key];
  return entry?.url && nowMs - entry.atMs < PRESET_APP_URL_LIFETIME_MS ? entry.url : undefined;
}
