// Presets in and out: a pretty JSON file, and a share code (`PIMG1.` + base64url of raw-DEFLATE
// JSON) short enough for a chat message. Reading never throws: it returns the set or sentences.
import * as v from 'valibot';
import type { Sentence } from '../auth-errors.ts';
import { isGuid } from '../connection.ts';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { canonicalSet } from './canonical.ts';
import { deflateRaw, inflateRaw } from './compression.ts';
import { notPresets, type PresetSource, presetIssueSentences, readError } from './errors.ts';
import { PRESET_FORMAT, PRESET_FORMAT_VERSION, PRESET_LIMITS } from './limits.ts';
import { PARSE_CONFIG, type Preset, type PresetSet, presetSetSchema } from './schema.ts';

export type PresetReadResult = { ok: true; set: PresetSet } | { ok: false; errors: Sentence[] };

export const SHARE_CODE_PREFIX = 'PIMG1.';

const failure = (...errors: Sentence[]): PresetReadResult => ({ ok: false, errors });

export interface ExportOptions {
  /** The signed-in tenant; left out unless it is a GUID. */
  tenantId?: string;
  /** Epoch milliseconds, written as `exportedAt`. */
  now: number;
}

/** A presets set with these presets, in the canonical key order. */
export function presetSetOf(presets: readonly Preset[], options: ExportOptions): PresetSet {
  const tenantId = options.tenantId?.trim().toLowerCase();
  const exportedAt = new Date(options.now);
  return canonicalSet({
    format: PRESET_FORMAT,
    version: PRESET_FORMAT_VERSION,
    ...(tenantId !== undefined && isGuid(tenantId) ? { tenantId } : {}),
    ...(Number.isFinite(exportedAt.getTime()) ? { exportedAt: exportedAt.toISOString() } : {}),
    presets: [...presets],
  });
}

/** The file to save: pretty JSON, stable key order, a final newline. */
export function exportPresets(presets: readonly Preset[], options: ExportOptions): string {
  return `${JSON.stringify(presetSetOf(presets, options), null, 2)}\n`;
}

/** True when the text's UTF-8 encoding is longer than `max` bytes (counted without encoding it). */
function longerThan(text: string, max: number): boolean {
  if (text.length > max) return true; // every UTF-16 unit is at least one byte
  if (text.length * 3 <= max) return false; // and at most three
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3; // a surrogate pair: 3 + 3 ≥ its 4 bytes
    if (bytes > max) return true;
  }
  return false;
}

/** The parsed value checked against the schema, as a set or sentences. */
export function validatePresetSet(data: unknown, source: PresetSource): PresetReadResult {
  try {
    const result = v.safeParse(presetSetSchema, data, PARSE_CONFIG);
    return result.success ? { ok: true, set: result.output } : failure(...presetIssueSentences(result.issues, source));
  } catch {
    return failure(notPresets(source));
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** True when a file of this many bytes is too large to be a presets file: check it before reading it. */
export const presetFileTooLarge = (sizeBytes: number): boolean =>
  !(Number.isFinite(sizeBytes) && sizeBytes >= 0 && sizeBytes <= PRESET_LIMITS.fileBytes);

/** The sentence for a file `presetFileTooLarge` refused. */
export const presetFileTooLargeResult = (): PresetReadResult => failure(readError('tooLarge'));

/**
 * Reads a presets file's text in time linear in its length. Over the file limit is refused before
 * anything else is done with it.
 */
export function parsePresetFile(text: string): PresetReadResult {
  if (typeof text !== 'string') return failure(readError('notJson'));
  if (longerThan(text, PRESET_LIMITS.fileBytes)) return failure(readError('tooLarge'));
  // Editors on Windows may start the file with a byte order mark.
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return failure(readError('empty'));
  const json = parseJson(body);
  return json.ok ? validatePresetSet(json.value, 'file') : failure(readError('notJson'));
}

/** A share code for the set: its canonical JSON, compressed, base64url, after `PIMG1.`. */
export async function encodeShareCode(set: PresetSet): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(canonicalSet(set)));
  return SHARE_CODE_PREFIX + toBase64Url(await deflateRaw(bytes));
}

// What chats and mail add to a pasted code: line breaks, spaces, invisible joiners and soft hyphens.
// (One character class, each match consumed: linear.)
const PASTE_NOISE = /[\s\u00AD\u180E\u200B-\u200D\u2060\uFEFF]+/g;
// And quotes or code marks around it, which are not in the base64url alphabet.
const OPENING_MARKS = new Set(['`', "'", '"', '<', '«', '“', '‘']);
const CLOSING_MARKS = new Set(['`', "'", '"', '>', '»', '”', '’']);

/**
 * The code without the marks around it, in one pass from each end. A regex did this before and
 * backtracked quadratically on a long run of closing quotes followed by anything else: a
 * 300,000-character paste kept every extension page busy for about a minute.
 */
function unwrap(code: string): string {
  let start = 0;
  let end = code.length;
  while (start < end && OPENING_MARKS.has(code[start] as string)) start++;
  while (end > start && CLOSING_MARKS.has(code[end - 1] as string)) end--;
  return code.slice(start, end);
}

/** Reads a share code, as pasted from a chat, in time linear in its length. */
export async function decodeShareCode(text: string): Promise<PresetReadResult> {
  try {
    return await readShareCode(text);
  } catch {
    // Nothing above throws by design; this keeps the promise from ever rejecting.
    return failure(readError('shareCodeDamaged'));
  }
}

async function readShareCode(text: string): Promise<PresetReadResult> {
  if (typeof text !== 'string') return failure(readError('shareCodePrefix'));
  // Before any other work: a real code, with what chats add to it, is shorter than this.
  if (text.length > PRESET_LIMITS.pastedChars) return failure(readError('shareCodeTooLarge'));
  const code = unwrap(text.replace(PASTE_NOISE, ''));
  if (code === '') return failure(readError('shareCodeEmpty'));
  if (!code.startsWith(SHARE_CODE_PREFIX)) {
    const version = /^PIMG(\d{1,9})\./.exec(code)?.[1];
    const newer = version !== undefined && Number(version) > PRESET_FORMAT_VERSION;
    return failure(readError(newer ? 'shareCodeNewer' : 'shareCodePrefix'));
  }
  const payload = code.slice(SHARE_CODE_PREFIX.length);
  if (payload.length > PRESET_LIMITS.shareCodeChars) return failure(readError('shareCodeTooLarge'));
  const compressed = fromBase64Url(payload);
  if (compressed === undefined || compressed.length === 0) return failure(readError('shareCodeDamaged'));
  const inflated = await inflateRaw(compressed, PRESET_LIMITS.bytes);
  if (!inflated.ok)
    return failure(readError(inflated.reason === 'tooLarge' ? 'shareCodeTooLarge' : 'shareCodeDamaged'));
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    return failure(readError('shareCodeDamaged'));
  }
  const parsed = parseJson(json);
  return parsed.ok ? validatePresetSet(parsed.value, 'shareCode') : failure(readError('shareCodeDamaged'));
}
