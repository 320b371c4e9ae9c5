// Reading a share code or a file must be answered on any input up to the caps: extension pages
// share one main thread, so a read that backtracks freezes the popup and the auth host too.
// These tests assert the answer, not a time: a quadratic read of these inputs takes minutes to
// hours and would hit Vitest's timeout.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeShareCode,
  encodeShareCode,
  exportPresets,
  parsePresetFile,
  presetFileTooLarge,
  presetSetOf,
  SHARE_CODE_PREFIX,
} from './codec.ts';
import { PRESET_LIMITS as L } from './limits.ts';
import type { Preset } from './schema.ts';

const err = (key: string) => ({ ok: false, errors: [{ key, substitutions: [] }] });

/** Deterministic pseudo-random numbers (mulberry32), so the largest set is the same each run. */
function numbers(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % below;
  };
}

/**
 * The largest set the limits allow, made to compress as badly as possible: 100 presets of 50
 * entries, every text at its length limit in random three-byte (CJK) characters.
 */
const URL_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~';

function largestSet() {
  const next = numbers(16);
  const hex = () => next(16).toString(16);
  const guid = () =>
    `${Array.from({ length: 32 }, hex).join('')}`.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
  const cjk = (n: number) => Array.from({ length: n }, () => String.fromCharCode(0x4e00 + next(0x5000))).join('');
  const urlText = (n: number) =>
    `https://a.example/${Array.from({ length: n - 18 }, () => URL_CHARS[next(URL_CHARS.length)]).join('')}`;
  const presets: Preset[] = Array.from({ length: L.presets }, () => ({
    id: guid(),
    name: cjk(L.name),
    entries: Array.from({ length: L.entries }, (_, i) => ({ groupId: guid(), accessId: i % 2 ? 'owner' : 'member' })),
    durationMinutes: L.maxMinutes,
    justification: cjk(L.justification),
    ticketSystem: cjk(L.ticket),
    ticketNumber: cjk(L.ticket),
    appUrl: urlText(L.url),
    note: cjk(L.note),
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-02T09:00:00.000Z',
    tenantId: guid(),
  }));
  return presets;
}

describe('presets: caps that fit the largest real set', { timeout: 60_000 }, () => {
  it('the largest set round-trips as a file and as a share code, both under their caps', async () => {
    const presets = largestSet();
    const file = exportPresets(presets, { now: Date.UTC(2026, 10, 30) });
    const fileBytes = new TextEncoder().encode(file).length;
    expect(fileBytes).toBeGreaterThan(L.bytes); // why the file cap is above 1 MiB
    expect(presetFileTooLarge(fileBytes)).toBe(false);
    expect(parsePresetFile(file)).toMatchObject({ ok: true, set: { presets } });

    const set = presetSetOf(presets, { now: Date.UTC(2026, 10, 30) });
    const code = await encodeShareCode(set);
    expect(code.length - SHARE_CODE_PREFIX.length).toBeLessThanOrEqual(L.shareCodeChars);
    expect(code.length - SHARE_CODE_PREFIX.length).toBeGreaterThan(L.shareCodeChars * 0.9); // the cap is "a little above"
    expect(await decodeShareCode(code)).toEqual({ ok: true, set });
  });

  it('checks a file size before reading: up to the cap, whole bytes only', () => {
    expect(presetFileTooLarge(0)).toBe(false);
    expect(presetFileTooLarge(L.fileBytes)).toBe(false);
    expect(presetFileTooLarge(L.fileBytes + 1)).toBe(true);
    expect(presetFileTooLarge(Number.NaN)).toBe(true);
    expect(presetFileTooLarge(-1)).toBe(true);
    expect(presetFileTooLarge(Number.POSITIVE_INFINITY)).toBe(true);
  });

  it('refuses a paste or a code past its cap before reading it', async () => {
    expect(await decodeShareCode('"'.repeat(L.pastedChars + 1))).toEqual(err('presetErrorShareCodeTooLarge'));
    expect(await decodeShareCode(`${SHARE_CODE_PREFIX}${'A'.repeat(L.shareCodeChars + 1)}`)).toEqual(
      err('presetErrorShareCodeTooLarge'),
    );
  });
});

describe('presets: adversarial input is answered (regression: a pasted code froze every extension page)', {
  timeout: 60_000,
}, () => {
  // The report: 300,000 quotes pasted into the share-code field.
  const QUOTES = 300_000;

  it('a paste of 300,000 quotes of every kind, with something after them', async () => {
    for (const quote of ['"', "'", '`', '”', '’', '»', '>', '“', '«']) {
      expect(await decodeShareCode(quote.repeat(QUOTES))).toEqual(err('presetErrorShareCodeEmpty'));
      expect(await decodeShareCode(`${quote.repeat(QUOTES)}x`)).toEqual(err('presetErrorShareCodePrefix'));
      expect(await decodeShareCode(`x${quote.repeat(QUOTES)}x`)).toEqual(err('presetErrorShareCodePrefix'));
      expect(await decodeShareCode(`${SHARE_CODE_PREFIX}${quote.repeat(QUOTES)}A`)).toEqual(
        err('presetErrorShareCodeDamaged'),
      );
    }
  });

  it('inputs at the paste cap: quotes, noise, alternations and a code buried in them', async () => {
    const n = L.pastedChars;
    expect(await decodeShareCode(`${'”'.repeat(n - 1)}x`)).toEqual(err('presetErrorShareCodePrefix'));
    expect(await decodeShareCode(`${' \u200B'.repeat(n / 2 - 1)}x!`)).toEqual(err('presetErrorShareCodePrefix'));
    expect(await decodeShareCode(`${'"x'.repeat(n / 2)}`)).toEqual(err('presetErrorShareCodePrefix'));
    expect(await decodeShareCode(`${SHARE_CODE_PREFIX}${'=\u200B'.repeat((n - 6) / 2)}`)).toEqual(
      err('presetErrorShareCodeDamaged'),
    );
    const code = await encodeShareCode(presetSetOf([], { now: 0 }));
    const buried = `${'“'.repeat(n / 2 - code.length)}${code}${'”'.repeat(n / 2)}`;
    expect(await decodeShareCode(buried)).toEqual({ ok: true, set: presetSetOf([], { now: 0 }) });
  });

  it('files at the cap: quotes, brackets, spaces and a byte order mark', () => {
    const n = L.fileBytes;
    expect(parsePresetFile('"'.repeat(n))).toEqual(err('presetErrorNotJson'));
    expect(parsePresetFile(`\uFEFF${' '.repeat(n - 4)}`)).toEqual(err('presetErrorEmpty'));
    expect(parsePresetFile(`"${'\\"'.repeat((n - 2) / 2)}"`)).toEqual(err('presetErrorNotPresets'));
    expect(parsePresetFile('['.repeat(n / 2) + ']'.repeat(n / 2)).ok).toBe(false);
  });

  it('any input made of long runs of the characters the reader treats specially is answered', async () => {
    const special = fc.constantFrom(
      '"',
      "'",
      '`',
      '<',
      '>',
      '«',
      '»',
      '“',
      '”',
      '‘',
      '’',
      ' ',
      '\n',
      '\u200B',
      '=',
      'A',
      '.',
      'PIMG1.',
    );
    const runs = fc.array(fc.record({ text: special, count: fc.integer({ min: 1, max: 100_000 }) }), {
      minLength: 1,
      maxLength: 12,
    });
    await fc.assert(
      fc.asyncProperty(runs, async (parts) => {
        const text = parts
          .map((p) => p.text.repeat(p.count))
          .join('')
          .slice(0, L.pastedChars);
        const code = await decodeShareCode(text);
        expect(code.ok).toBe(false);
        const file = parsePresetFile(text);
        expect(file.ok).toBe(false);
      }),
      { numRuns: 25 },
    );
  });
});
