// A preset's identity across the two lists it can come from. Ids are GUIDs chosen by whoever made
// the preset, so the organisation's list (managed policy) and the user's can hold the same id: the
// enterprise guide's "export, then push" workflow does exactly that. Apply, the popup and the
// stored runs therefore name a preset by origin and id together, and never by id alone.
import { isGuid } from '../connection.ts';

export type PresetOrigin = 'org' | 'mine';

/** `org:<guid>` for the organisation's preset, `mine:<guid>` for the user's. */
export type PresetRef = `${PresetOrigin}:${string}`;

export const presetRef = (preset: { id: string; managed?: boolean }): PresetRef =>
  `${preset.managed === true ? 'org' : 'mine'}:${preset.id.toLowerCase()}`;

/** The origin and the lower-case id, or undefined for anything that is not a well-formed ref. */
export function parsePresetRef(ref: unknown): { origin: PresetOrigin; id: string } | undefined {
  if (typeof ref !== 'string' || ref.length > 64) return undefined;
  const colon = ref.indexOf(':');
  const origin = ref.slice(0, colon);
  const id = ref.slice(colon + 1).toLowerCase();
  if ((origin !== 'org' && origin !== 'mine') || !isGuid(id)) return undefined;
  return { origin, id };
}
