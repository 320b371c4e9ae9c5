// Property-based tests: every valid set survives both codecs unchanged, and nothing a user (or an
// attacker) can paste or pick makes the readers throw, hang or answer without a proper sentence.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import messages from '../../../public/_locales/en/messages.json';
import { toBase64Url } from './base64url.ts';
import {
  decodeShareCode,
  encodeShareCode,
  exportPresets,
  type PresetReadResult,
  parsePresetFile,
  SHARE_CODE_PREFIX,
  validatePresetSet,
} from './codec.ts';
import { deflateRaw } from './compression.ts';
import { MAX_LISTED_PROBLEMS } from './errors.ts';
import { presetSetArb } from './test-fixtures.ts';

const catalogue = messages as Record<string, { placeholders?: Record<string, unknown> }>;

/** Runs per property; their sum is the number of cases this file tries. */
const RUNS = {
  exportParse: 1_000,
  shareCodeRoundTrip: 300,
  anyString: 2_500,
  anyJson: 1_500,
  anyBytes: 1_000,
  mutatedSet: 2_000,
  shareCodeAnyString: 1_000,
  shareCodeAnyBase64: 700,
  shareCodeAnyDeflate: 500,
  shareCodeMutatedSet: 500,
};
const TOTAL_RUNS = Object.values(RUNS).reduce((a, b) => a + b, 0);

/** A readable set, or one to six sentences that exist in the catalogue with the right placeholders. */
function expectWellFormed(result: PresetReadResult): void {
  if (result.ok) {
    // What the schema returns passes it again, unchanged.
    expect(validatePresetSet(JSON.parse(JSON.stringify(result.set)), 'file')).toEqual(result);
    return;
  }
  expect(result.errors.length).toBeGreaterThanOrEqual(1);
  expect(result.errors.length).toBeLessThanOrEqual(MAX_LISTED_PROBLEMS + 1);
  for (const { key, substitutions } of result.errors) {
    expect(key.startsWith('presetError'), key).toBe(true);
    expect(catalogue[key], key).toBeDefined();
    expect(Object.keys(catalogue[key]?.placeholders ?? {}).length, key).toBe(substitutions.length);
    for (const s of substitutions) expect(typeof s).toBe('string');
  }
}

/** Any UTF-16 string: unpaired surrogates, controls, astral characters. */
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
  fc.string({
    unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '1', 'e', '-', ' ', '\\', 'u', 'n', 'null'),
    maxLength: 200,
  }),
);

/** A valid set as JSON, with one to three values replaced by anything or removed. */
const mutatedSet = fc
  .tuple(
    presetSetArb,
    fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 3 }),
  )
  .map(([set, mutations]) => {
    const root = JSON.parse(JSON.stringify(set)) as Record<string, unknown>;
    for (const [pick, remove, value] of mutations) {
      const slots: [Record<string, unknown> | unknown[], string | number][] = [];
      const walk = (node: unknown) => {
        if (Array.isArray(node)) {
          node.forEach((child, i) => {
            slots.push([node, i]);
            walk(child);
          });
        } else if (typeof node === 'object' && node !== null) {
          for (const [key, child] of Object.entries(node)) {
            slots.push([node as Record<string, unknown>, key]);
            walk(child);
          }
        }
      };
      walk(root);
      const slot = slots[pick % Math.max(1, slots.length)];
      if (!slot) continue;
      const [container, key] = slot;
      if (remove && Array.isArray(container)) container.splice(Number(key), 1);
      else if (remove) delete (container as Record<string, unknown>)[key];
      else (container as Record<string | number, unknown>)[key] = value;
    }
    return JSON.stringify(root);
  });

const compressedCode = async (bytes: Uint8Array) => SHARE_CODE_PREFIX + toBase64Url(await deflateRaw(bytes));

describe('presets: properties', { timeout: 60_000 }, () => {
  it('every valid set survives export → parse unchanged', () => {
    fc.assert(
      fc.property(presetSetArb, (set) => {
        const now = set.exportedAt === undefined ? Number.NaN : Date.parse(set.exportedAt);
        const file = exportPresets(set.presets, { ...(set.tenantId ? { tenantId: set.tenantId } : {}), now });
        expect(parsePresetFile(file)).toEqual({ ok: true, set });
      }),
      { numRuns: RUNS.exportParse },
    );
  });

  it('every valid set survives encode → decode unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(presetSetArb, async (set) => {
        expect(await decodeShareCode(await encodeShareCode(set))).toEqual({ ok: true, set });
      }),
      { numRuns: RUNS.shareCodeRoundTrip },
    );
  });

  it('parsePresetFile: any string, JSON value, byte string or damaged set gives a set or sentences', () => {
    fc.assert(
      fc.property(anyString, (text) => expectWellFormed(parsePresetFile(text))),
      { numRuns: RUNS.anyString },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => expectWellFormed(parsePresetFile(JSON.stringify(value) ?? ''))),
      { numRuns: RUNS.anyJson },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) =>
        expectWellFormed(parsePresetFile(new TextDecoder().decode(bytes))),
      ),
      { numRuns: RUNS.anyBytes },
    );
    fc.assert(
      fc.property(mutatedSet, (text) => expectWellFormed(parsePresetFile(text))),
      {
        numRuns: RUNS.mutatedSet,
      },
    );
  });

  it('decodeShareCode: any string, base64url, deflate stream or damaged set gives a set or sentences', async () => {
    await fc.assert(
      fc.asyncProperty(anyString, async (text) => {
        expectWellFormed(await decodeShareCode(text));
        expectWellFormed(await decodeShareCode(`${SHARE_CODE_PREFIX}${text}`));
      }),
      { numRuns: RUNS.shareCodeAnyString },
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        expectWellFormed(await decodeShareCode(SHARE_CODE_PREFIX + toBase64Url(bytes)));
      }),
      { numRuns: RUNS.shareCodeAnyBase64 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.jsonValue().map((j) => new TextEncoder().encode(JSON.stringify(j) ?? '')),
        ),
        async (bytes) => {
          expectWellFormed(await decodeShareCode(await compressedCode(bytes)));
        },
      ),
      { numRuns: RUNS.shareCodeAnyDeflate },
    );
    await fc.assert(
      fc.asyncProperty(mutatedSet, async (text) => {
        expectWellFormed(await decodeShareCode(await compressedCode(new TextEncoder().encode(text))));
      }),
      { numRuns: RUNS.shareCodeMutatedSet },
    );
  });

  it(`tries ${TOTAL_RUNS} cases in all`, () => {
    console.info(`[fuzz] src/core/presets/properties.test.ts: ${TOTAL_RUNS} cases`);
    expect(TOTAL_RUNS).toBeGreaterThanOrEqual(10_000);
  });
});
