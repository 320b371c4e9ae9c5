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
  /**
   * A decompressed share code (its compact JSON); more is not a presets set (or a zip bomb). The
   * largest set the other limits allow (100 presets × 50 entries, every text at its limit in
   * three-byte characters) measured 973,745 bytes.
   */
  bytes: 1_048_576,
  /**
   * A presets file (pretty JSON), checked from `File.size` before it is read. The largest set the
   * other limits allow exports to 1,195,816 bytes; 1.25 MiB keeps every exported file importable.
   */
  fileBytes: 1_310_720,
  /**
   * Characters of a share code after `PIMG1.`: the largest set the other limits allow encodes to
   * 881,966 (measured with random text, which does not compress), so a real code is never longer.
   */
  shareCodeChars: 900_000,
  /** Characters of a pasted share code, with what chats add (line breaks, quotes); more is refused unread. */
  pastedChars: 1_000_000,
} as const;
