import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { PARSE_CONFIG, presetSchema, presetSetSchema } from './schema.ts';
import { GROUP_A, GROUP_B, preset, presetSet, TENANT } from './test-fixtures.ts';

const parse = (input: unknown) => v.safeParse(presetSetSchema, input, PARSE_CONFIG);
const problems = (input: unknown) => {
  const result = parse(input);
  return result.success ? [] : result.issues.map((i) => `${i.path?.map((p) => p.key).join('.') ?? ''} ${i.message}`);
};
const withPreset = (overrides: Record<string, unknown>) => presetSet([{ ...preset(), ...overrides } as never]);

describe('presetSetSchema', () => {
  it('accepts a set and returns it unchanged (round trip)', () => {
    const set = presetSet([preset(), preset({ name: 'Owners', entries: [{ groupId: GROUP_B, accessId: 'owner' }] })], {
      exportedAt: '2026-11-30T05:00:00.000Z',
    });
    const result = parse(JSON.parse(JSON.stringify(set)));
    expect(result.success && result.output).toEqual(set);
  });

  it('accepts every optional field, and leaves out what is absent', () => {
    const full = preset({
      ticketNumber: 'INC0012345',
      appUrl: 'https://portal.azure.com/#home',
      note: 'For the weekend\nrota',
      managed: true,
    });
    expect(parse(presetSet([full])).success).toBe(true);
    const minimal = preset();
    delete minimal.ticketSystem;
    const result = parse({ format: 'pim-groups-presets', version: 1, presets: [minimal] });
    expect(result.success && Object.keys(result.output)).toEqual(['format', 'version', 'presets']);
    expect(result.success && Object.keys(result.output.presets[0] ?? {})).not.toContain('ticketSystem');
  });

  it('normalises: trims names and text, lower-cases GUIDs, Windows line ends become \\n', () => {
    const result = parse(
      withPreset({
        name: '  Helpdesk \n',
        tenantId: TENANT.toUpperCase(),
        entries: [{ groupId: GROUP_A.toUpperCase(), accessId: 'member' }],
        justification: ' line one\r\nline two\r ',
        ticketNumber: ' INC1 ',
      }),
    );
    expect(result.success).toBe(true);
    const out = result.success ? result.output.presets[0] : undefined;
    expect(out?.name).toBe('Helpdesk');
    expect(out?.tenantId).toBe(TENANT);
    expect(out?.entries[0]?.groupId).toBe(GROUP_A);
    expect(out?.justification).toBe('line one\nline two');
    expect(out?.ticketNumber).toBe('INC1');
  });

  it('drops unknown fields at every level instead of failing', () => {
    const input = {
      ...presetSet([
        { ...preset(), colour: 'red', entries: [{ groupId: GROUP_A, accessId: 'member', extra: 1 }] } as never,
      ]),
      signature: 'x',
    };
    const text = JSON.stringify(input).replace(/^\{/, '{"__proto__":{"polluted":true},');
    const result = parse(JSON.parse(text));
    expect(result.success).toBe(true);
    const out = JSON.stringify(result.success ? result.output : null);
    expect(out).not.toContain('colour');
    expect(out).not.toContain('extra');
    expect(out).not.toContain('signature');
    expect(out).not.toContain('polluted');
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('keeps markup as plain text', () => {
    const result = parse(withPreset({ name: '<img src=x onerror=alert(1)>', note: '<script>alert(1)</script>' }));
    expect(result.success && result.output.presets[0]?.name).toBe('<img src=x onerror=alert(1)>');
  });

  it('allows newline and tab in notes and templates only', () => {
    expect(parse(withPreset({ note: 'a\n\tb', justification: 'x\ny' })).success).toBe(true);
    expect(problems(withPreset({ name: 'a\tb' }))).toEqual(['presets.0.name control']);
    expect(problems(withPreset({ note: 'a\u0007b' }))).toEqual(['presets.0.note control']);
    expect(problems(withPreset({ justification: 'a\u0000' }))).toEqual(['presets.0.justification control']);
    expect(problems(withPreset({ ticketNumber: 'a\u0085b' }))).toEqual(['presets.0.ticketNumber control']);
  });

  it('refuses text-direction overrides, line separators and unpaired surrogates', () => {
    for (const name of ['evil\u202Egnp.exe', 'a\u2066b', 'a\u2028b', 'a\uD800b']) {
      expect(problems(withPreset({ name })), JSON.stringify(name)).toEqual(['presets.0.name control']);
    }
    expect(parse(withPreset({ name: 'Admins 🛡️ \u200F' })).success).toBe(true);
  });

  it.each([
    [{ id: 'not-a-guid' }, 'presets.0.id notGuid'],
    [{ tenantId: 42 }, 'presets.0.tenantId notGuid'],
    [{ name: '   ' }, 'presets.0.name nameEmpty'],
    [{ name: 'x'.repeat(101) }, 'presets.0.name tooLong'],
    [{ note: 'x'.repeat(501) }, 'presets.0.note tooLong'],
    [{ justification: 'x'.repeat(501) }, 'presets.0.justification tooLong'],
    [{ ticketSystem: 'x'.repeat(101) }, 'presets.0.ticketSystem tooLong'],
    [{ ticketNumber: 7 }, 'presets.0.ticketNumber notText'],
    [{ durationMinutes: 4 }, 'presets.0.durationMinutes durationRange'],
    [{ durationMinutes: 1441 }, 'presets.0.durationMinutes durationRange'],
    [{ durationMinutes: 30.5 }, 'presets.0.durationMinutes durationWhole'],
    [{ durationMinutes: '60' }, 'presets.0.durationMinutes durationWhole'],
    [{ appUrl: 'http://example.com' }, 'presets.0.appUrl url'],
    [{ appUrl: 'javascript:alert(1)' }, 'presets.0.appUrl url'],
    [{ appUrl: 'https://exa mple.com' }, 'presets.0.appUrl url'],
    [{ appUrl: `https://example.com/${'a'.repeat(2000)}` }, 'presets.0.appUrl tooLong'],
    [{ appUrl: 'https://portal.azure.com@evil.example' }, 'presets.0.appUrl urlCredentials'],
    [{ createdAt: 'yesterday' }, 'presets.0.createdAt notDate'],
    [{ updatedAt: '2026-13-01T00:00:00Z' }, 'presets.0.updatedAt notDate'],
    [{ managed: false }, 'presets.0.managed managed'],
    [{ entries: [] }, 'presets.0.entries entriesEmpty'],
    [{ entries: 'a' }, 'presets.0.entries notList'],
    [{ entries: [{ groupId: GROUP_A, accessId: 'admin' }] }, 'presets.0.entries.0.accessId accessId'],
    [{ entries: [{ groupId: 'x', accessId: 'member' }] }, 'presets.0.entries.0.groupId notGuid'],
    [{ entries: [[GROUP_A, 'member']] }, 'presets.0.entries.0 notObject'],
  ])('refuses %j', (overrides, expected) => {
    expect(problems(withPreset(overrides))).toEqual([expected]);
  });

  it('accepts the bounds themselves', () => {
    for (const durationMinutes of [5, 1440]) expect(parse(withPreset({ durationMinutes })).success).toBe(true);
    const long = {
      name: 'n'.repeat(100),
      note: 'n'.repeat(500),
      justification: 'j'.repeat(500),
      ticketNumber: 't'.repeat(100),
    };
    expect(parse(withPreset(long)).success).toBe(true);
    expect(parse(withPreset({ appUrl: `https://example.com/${'a'.repeat(1980)}` })).success).toBe(true);
    expect(parse(withPreset({ appUrl: '' })).success).toBe(true);
  });

  it('allows 50 entries and 100 presets, not more', () => {
    const entries = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        groupId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        accessId: 'member',
      }));
    expect(parse(withPreset({ entries: entries(50) })).success).toBe(true);
    expect(problems(withPreset({ entries: entries(51) }))).toEqual(['presets.0.entries tooMany']);
    expect(parse(presetSet(Array.from({ length: 100 }, () => preset()))).success).toBe(true);
    expect(problems(presetSet(Array.from({ length: 101 }, () => preset())))).toEqual(['presets tooMany']);
  });

  it('refuses the same group and access twice in a preset (GUIDs compared without case), and repeated preset ids', () => {
    const twice = [
      { groupId: GROUP_A, accessId: 'member' },
      { groupId: GROUP_A, accessId: 'owner' },
      { groupId: GROUP_A.toUpperCase(), accessId: 'member' },
    ];
    expect(problems(withPreset({ entries: twice }))).toEqual(['presets.0.entries.2 duplicateEntry']);
    const one = preset();
    expect(problems(presetSet([one, { ...one, name: 'Copy' }]))).toEqual(['presets.1 duplicateId']);
  });

  it('says "not presets" for other JSON, and tells a newer format version apart', () => {
    expect(problems([])).toEqual([' notPresets']);
    expect(problems('pim-groups-presets')).toEqual([' notPresets']);
    expect(problems({ format: 'something-else', version: 1, presets: [] })).toEqual(['format notPresets']);
    expect(problems({ ...presetSet([]), version: 2 })).toEqual(['version newerVersion']);
    expect(problems({ ...presetSet([]), version: 0 })).toEqual(['version version']);
    expect(problems({ ...presetSet([]), version: '1' })).toEqual(['version version']);
    expect(problems({ ...presetSet([]), tenantId: 'contoso.com' })).toEqual(['tenantId notGuid']);
  });

  it('checks one preset on its own too', () => {
    expect(v.safeParse(presetSchema, preset(), PARSE_CONFIG).success).toBe(true);
    expect(v.safeParse(presetSchema, { ...preset(), durationMinutes: 0 }, PARSE_CONFIG).success).toBe(false);
  });
});
