import { describe, expect, it } from 'vitest';
import { toBase64Url } from './base64url.ts';
import { decodeShareCode, encodeShareCode, exportPresets, parsePresetFile, SHARE_CODE_PREFIX } from './codec.ts';
import { deflateRaw } from './compression.ts';
import { GROUP_B, preset, presetSet, TENANT } from './test-fixtures.ts';

const NOW = Date.UTC(2026, 10, 30, 5, 0, 0);
const err = (key: string) => ({ ok: false, errors: [{ key, substitutions: [] }] });
const codeOf = async (bytes: Uint8Array) => SHARE_CODE_PREFIX + toBase64Url(await deflateRaw(bytes));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('exportPresets', () => {
  it('writes pretty JSON in a stable key order, with the tenant and the time', () => {
    const p = { ...preset({ ticketNumber: 'INC1', managed: true }) };
    // Keys in another order, and one the format does not know.
    const shuffled = { extra: 1, ...Object.fromEntries(Object.entries(p).reverse()) } as unknown as typeof p;
    const text = exportPresets([shuffled], { tenantId: TENANT.toUpperCase(), now: NOW });
    expect(text).toBe(exportPresets([p], { tenantId: TENANT, now: NOW }));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "format": "pim-groups-presets",');
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(['format', 'version', 'tenantId', 'exportedAt', 'presets']);
    expect(parsed.exportedAt).toBe('2026-11-30T05:00:00.000Z');
    expect(Object.keys(parsed.presets[0])).toEqual([
      'id',
      'name',
      'entries',
      'durationMinutes',
      'justification',
      'ticketSystem',
      'ticketNumber',
      'createdAt',
      'updatedAt',
      'tenantId',
      'managed',
    ]);
  });

  it('leaves out a tenant that is not a GUID and a time that is not a time', () => {
    const parsed = JSON.parse(exportPresets([], { tenantId: 'organizations', now: Number.NaN }));
    expect(parsed).toEqual({ format: 'pim-groups-presets', version: 1, presets: [] });
  });
});

describe('parsePresetFile', () => {
  it('reads what exportPresets wrote', () => {
    const presets = [preset(), preset({ name: 'Owners', entries: [{ groupId: GROUP_B, accessId: 'owner' }] })];
    const result = parsePresetFile(exportPresets(presets, { tenantId: TENANT, now: NOW }));
    expect(result).toEqual({ ok: true, set: presetSet(presets, { exportedAt: '2026-11-30T05:00:00.000Z' }) });
  });

  it('tolerates a byte order mark', () => {
    const text = `\uFEFF${exportPresets([preset()], { now: NOW })}`;
    expect(parsePresetFile(text).ok).toBe(true);
  });

  it('refuses more than 1.25 MiB before parsing, counted in UTF-8', () => {
    expect(parsePresetFile(' '.repeat(1_310_721))).toEqual(err('presetErrorTooLarge'));
    // 600,000 "é" are 1,200,000 bytes: parsed (and refused as JSON); 700,000 are 1.4 MB.
    expect(parsePresetFile('é'.repeat(600_000))).toEqual(err('presetErrorNotJson'));
    expect(parsePresetFile('é'.repeat(700_000))).toEqual(err('presetErrorTooLarge'));
    expect(parsePresetFile('x'.repeat(50_000_000))).toEqual(err('presetErrorTooLarge'));
  });

  it('does not throw on deep nesting or odd values', () => {
    expect(parsePresetFile('['.repeat(100_000) + ']'.repeat(100_000)).ok).toBe(false);
    expect(parsePresetFile('{"format":"pim-groups-presets","version":1e999,"presets":[]}')).toEqual(
      err('presetErrorVersion'),
    );
    expect(parsePresetFile(undefined as unknown as string)).toEqual(err('presetErrorNotJson'));
  });
});

describe('share codes', () => {
  const set = presetSet([preset({ note: 'Für das Wochenende 🛡️', ticketNumber: 'INC1' }), preset({ name: 'Two' })], {
    exportedAt: '2026-11-30T05:00:00.000Z',
  });

  it('round trip: PIMG1. + base64url, and back to the same set', async () => {
    const code = await encodeShareCode(set);
    expect(code.startsWith('PIMG1.')).toBe(true);
    expect(code.slice(6)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeShareCode(code)).toEqual({ ok: true, set });
  });

  it('is the same code for the same set, whatever the key order', async () => {
    const shuffled = { ...set, presets: set.presets.map((p) => Object.fromEntries(Object.entries(p).reverse())) };
    expect(await encodeShareCode(shuffled as typeof set)).toBe(await encodeShareCode(set));
  });

  it('is short for a typical preset', async () => {
    expect((await encodeShareCode(presetSet([preset()]))).length).toBeLessThan(400);
  });

  it('survives what chats do: line breaks, spaces, zero-width characters, quotes and code marks', async () => {
    const code = await encodeShareCode(set);
    const mangled = `\n  \`${code.slice(0, 30)}\r\n${code.slice(30, 60)} \u200B${code.slice(60)}\`  \n`;
    expect(await decodeShareCode(mangled)).toEqual({ ok: true, set });
    expect(await decodeShareCode(`"${code}"`)).toEqual({ ok: true, set });
  });

  it('says what is wrong with the prefix', async () => {
    expect(await decodeShareCode('')).toEqual(err('presetErrorShareCodeEmpty'));
    expect(await decodeShareCode(' \n\t ')).toEqual(err('presetErrorShareCodeEmpty'));
    expect(await decodeShareCode('hello world')).toEqual(err('presetErrorShareCodePrefix'));
    expect(await decodeShareCode(exportPresets([preset()], { now: NOW }))).toEqual(err('presetErrorShareCodePrefix'));
    expect(await decodeShareCode('pimg1.abc')).toEqual(err('presetErrorShareCodePrefix'));
    expect(await decodeShareCode('PIMG2.abcdef')).toEqual(err('presetErrorShareCodeNewer'));
    expect(await decodeShareCode('PIMG12.abcdef')).toEqual(err('presetErrorShareCodeNewer'));
  });

  it('says a damaged or cut-off code is damaged', async () => {
    const code = await encodeShareCode(set);
    expect(await decodeShareCode('PIMG1.')).toEqual(err('presetErrorShareCodeDamaged'));
    expect(await decodeShareCode('PIMG1.a')).toEqual(err('presetErrorShareCodeDamaged'));
    expect(await decodeShareCode('PIMG1.ab+/')).toEqual(err('presetErrorShareCodeDamaged'));
    expect(await decodeShareCode(code.slice(0, code.length - 20))).toEqual(err('presetErrorShareCodeDamaged'));
    expect(await decodeShareCode(`PIMG1.${'A'.repeat(40)}`)).toEqual(err('presetErrorShareCodeDamaged'));
    // Valid deflate, but not UTF-8, or not JSON.
    expect(await decodeShareCode(await codeOf(new Uint8Array([0xff, 0xfe, 0x80])))).toEqual(
      err('presetErrorShareCodeDamaged'),
    );
    expect(await decodeShareCode(await codeOf(utf8('{"format":')))).toEqual(err('presetErrorShareCodeDamaged'));
  });

  it('says a code of other JSON holds no presets, and checks the schema like a file', async () => {
    expect(await decodeShareCode(await codeOf(utf8('{"hello":"world"}')))).toEqual(
      err('presetErrorShareCodeNotPresets'),
    );
    const bad = { ...set, presets: [{ ...preset(), durationMinutes: 3 }] };
    expect(await decodeShareCode(await codeOf(utf8(JSON.stringify(bad))))).toEqual({
      ok: false,
      errors: [{ key: 'presetErrorDuration', substitutions: ["'Helpdesk'"] }],
    });
  });

  it('stops reading a zip bomb at 1 MB', async () => {
    // 64 MB of zeros compress to about 64 KB; reading stops after the first megabyte.
    const bomb = await codeOf(new Uint8Array(64_000_000));
    const started = performance.now();
    expect(await decodeShareCode(bomb)).toEqual(err('presetErrorShareCodeTooLarge'));
    expect(performance.now() - started).toBeLessThan(1_000);
    // Just over the limit, and just under it (then it is simply not JSON).
    expect(await decodeShareCode(await codeOf(new Uint8Array(1_048_577)))).toEqual(err('presetErrorShareCodeTooLarge'));
    expect(await decodeShareCode(await codeOf(utf8(' '.repeat(1_048_576))))).toEqual(
      err('presetErrorShareCodeDamaged'),
    );
  }, 20_000);

  it('refuses an absurdly long paste without working on it', async () => {
    expect(await decodeShareCode(`PIMG1.${'A'.repeat(2_000_000)}`)).toEqual(err('presetErrorShareCodeTooLarge'));
    expect(await decodeShareCode('A'.repeat(10_000_000))).toEqual(err('presetErrorShareCodeTooLarge'));
  });
});
