// The bounds a preset must keep, shared by the schema, the sentences that explain them, the
// template expansion and the import plan.
import { MIN_ACTIVATION_MINUTES } from '../duration.ts';

export const PRESET_FORMAT = 'pim-groups-presets';
/** The file format this extension writes and reads; a higher one was made by a newer extension. */
export const PRESET_FORMAT_VERSION = 1;

export const PRESET_LIMITS = {
  /** Presets in one set (a file, a share code, the user's own list). */
  presets: 100,
  /** Groups (group and access) in one preset. */
  entries: 50,
  name: 100,
  note: 500,
  /** Entra accepts justifications up to 500 characters. */
  justification: 500,
  ticket: 100,
  url: 2000,
  /** PIM's shortest activation. */
  minMinutes: MIN_ACTIVATION_MINUTES,
  /** 24 hours: the longest activation a PIM policy allows. */
  maxMinutes: 1440,
  /** A presets file or a decompressed share code; more is not a presets file (or a zip bomb). */
  bytes: 1_048_576,
} as const;
