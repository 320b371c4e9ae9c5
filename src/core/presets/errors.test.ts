import { describe, expect, it } from 'vitest';
import messages from '../../../public/_locales/en/messages.json';
import { formatMessage } from '../../test-support/fake-browser-setup.ts';
import type { Sentence } from '../auth-errors.ts';
import { parsePresetFile } from './codec.ts';
import { limitSentences, PRESET_READ_ERRORS, presetLabel } from './errors.ts';
import { GROUP_A, preset, presetSet } from './test-fixtures.ts';

const errorsOf = (input: unknown): Sentence[] => {
  const result = parsePresetFile(typeof input === 'string' ? input : JSON.stringify(input));
  return result.ok ? [] : result.errors;
};
const s = (key: string, ...substitutions: string[]) => ({ key, substitutions });
const onePreset = (overrides: Record<string, unknown>) => presetSet([{ ...preset(), ...overrides } as never]);
const unnamed = (overrides: Record<string, unknown>) => onePreset({ name: '', ...overrides });

describe('preset error sentences', () => {
  it('before the schema: empty, not JSON, too large', () => {
    expect(errorsOf('')).toEqual([s('presetErrorEmpty')]);
    expect(errorsOf(' \n\uFEFF')).toEqual([s('presetErrorEmpty')]);
    expect(errorsOf('{"format": ')).toEqual([s('presetErrorNotJson')]);
    expect(errorsOf('<html></html>')).toEqual([s('presetErrorNotJson')]);
    expect(errorsOf(`"${'x'.repeat(1_310_720)}"`)).toEqual([s('presetErrorTooLarge')]);
  });

  it('another kind of JSON: "This is not a presets file." and nothing else', () => {
    for (const input of [[], 42, null, true, '"text"', {}, { format: 'x', presets: 'nonsense' }]) {
      expect(errorsOf(typeof input === 'string' ? input : JSON.stringify(input)), String(input)).toEqual([
        s('presetErrorNotPresets'),
      ]);
    }
  });

  it('a newer or unknown format version, and nothing else', () => {
    const newer = { ...presetSet([]), version: 2, presets: 'whatever the future holds' };
    expect(errorsOf(newer)).toEqual([s('presetErrorNewerVersion')]);
    expect(errorsOf({ ...presetSet([]), version: 'one' })).toEqual([s('presetErrorVersion')]);
    const { version: _, ...noVersion } = presetSet([]);
    expect(errorsOf(noVersion)).toEqual([s('presetErrorVersion')]);
  });

  it('problems with the set itself', () => {
    expect(errorsOf({ ...presetSet([]), tenantId: 'contoso.com' })).toEqual([s('presetErrorSetTenant')]);
    expect(errorsOf({ ...presetSet([]), exportedAt: 'today' })).toEqual([s('presetErrorSetDate')]);
    const { presets: _, ...noPresets } = presetSet([]);
    expect(errorsOf(noPresets)).toEqual([s('presetErrorNoList')]);
    expect(errorsOf({ ...presetSet([]), presets: {} })).toEqual([s('presetErrorNoList')]);
    expect(errorsOf(presetSet(Array.from({ length: 150 }, () => preset())))).toEqual([
      s('presetErrorTooManyPresets', '150', '100'),
    ]);
  });

  it('names a preset by its name when it has one, else by its number', () => {
    expect(errorsOf(onePreset({ durationMinutes: 2000 }))).toEqual([s('presetErrorDuration', "'Helpdesk'")]);
    expect(errorsOf(presetSet([preset(), { ...preset(), name: 42, durationMinutes: 1 } as never]))).toEqual([
      s('presetErrorNotText', '2', 'name'),
      s('presetErrorDuration', '2'),
    ]);
    expect(presetLabel({ name: '  Tier 2 ' }, 0)).toBe("'Tier 2'");
    expect(presetLabel({ name: 'a\u202Eb' }, 3)).toBe('4');
    expect(presetLabel({ name: 'x'.repeat(101) }, 0)).toBe('1');
    expect(presetLabel(null, 0)).toBe('1');
  });

  it.each([
    [{ id: 'x' }, s('presetErrorNotGuid', '1', 'id')],
    [{ tenantId: 'x' }, s('presetErrorNotGuid', '1', 'tenantId')],
    [{ createdAt: 'x' }, s('presetErrorNotDate', '1', 'createdAt')],
    [{ note: 5 }, s('presetErrorNotText', '1', 'note')],
    [{ note: 'x'.repeat(501) }, s('presetErrorTooLong', '1', 'note', '500')],
    [{ ticketNumber: 'x'.repeat(101) }, s('presetErrorTooLong', '1', 'ticketNumber', '100')],
    [{ justification: 'a\u0000' }, s('presetErrorControl', '1', 'justification')],
    [{ durationMinutes: 0 }, s('presetErrorDuration', '1')],
    [{ durationMinutes: 90.5 }, s('presetErrorDurationWhole', '1')],
    [{ appUrl: 'http://x.example' }, s('presetErrorUrl', '1')],
    [{ appUrl: 'https://user:pw@x.example' }, s('presetErrorUrlCredentials', '1')],
    [{ managed: 'yes' }, s('presetErrorManaged', '1')],
    [{ entries: [] }, s('presetErrorNoEntries', '1')],
    [{ entries: undefined }, s('presetErrorNoEntries', '1')],
    [{ entries: GROUP_A }, s('presetErrorEntriesNotList', '1')],
    [{ justification: undefined }, s('presetErrorMissing', '1', 'justification')],
  ])('preset field %j', (overrides, expected) => {
    const errors = errorsOf(unnamed(overrides));
    expect(errors).toHaveLength(2);
    expect(errors).toEqual(expect.arrayContaining([s('presetErrorNameEmpty', '1'), expected]));
  });

  it('a preset that is not an object, and a repeated id', () => {
    expect(errorsOf(presetSet(['Helpdesk' as never]))).toEqual([s('presetErrorPresetNotObject', '1')]);
    expect(errorsOf(presetSet([preset(), [] as never]))).toEqual([s('presetErrorPresetNotObject', '2')]);
    const one = preset({ name: 'Tier 1' });
    expect(errorsOf(presetSet([one, { ...one, name: 'Tier 2' }]))).toEqual([s('presetErrorDuplicateId', "'Tier 2'")]);
  });

  it('entries: "Preset 2, entry 3: groupId is not a GUID." and the others', () => {
    const entries = [
      { groupId: GROUP_A, accessId: 'member' },
      'x',
      { groupId: 'x', accessId: 'member' },
      { groupId: GROUP_A, accessId: 'admin' },
      { accessId: 'owner' },
    ];
    expect(errorsOf(presetSet([preset(), { ...preset(), name: '', entries } as never]))).toEqual([
      s('presetErrorNameEmpty', '2'),
      s('presetErrorEntryNotObject', '2', '2'),
      s('presetErrorEntryGroupId', '2', '3'),
      s('presetErrorEntryAccessId', '2', '4'),
      s('presetErrorEntryMissing', '2', '5', 'groupId'),
    ]);
    const twice = [entries[0], { groupId: GROUP_A.toUpperCase(), accessId: 'member' }];
    expect(errorsOf(onePreset({ entries: twice }))).toEqual([s('presetErrorEntryDuplicate', "'Helpdesk'", '2')]);
    expect(errorsOf(onePreset({ entries: Array.from({ length: 60 }, () => entries[0]) }))).toEqual([
      s('presetErrorTooManyEntries', "'Helpdesk'", '60', '50'),
    ]);
  });

  it('lists the first five problems, then "…and N more"', () => {
    const bad = Array.from({ length: 8 }, (_, i) => ({ ...preset(), name: `P${i}`, durationMinutes: 1 }));
    expect(errorsOf(presetSet(bad))).toEqual([
      ...[0, 1, 2, 3, 4].map((i) => s('presetErrorDuration', `'P${i}'`)),
      s('presetErrorMore', '3'),
    ]);
    expect(limitSentences([s('presetErrorEmpty')] as Sentence[])).toHaveLength(1);
  });

  it('every key exists in messages.json with as many placeholders as substitutions, and reads well', () => {
    const catalogue = messages as Record<string, { message: string; placeholders?: Record<string, unknown> }>;
    const used: Sentence[] = [
      ...Object.values(PRESET_READ_ERRORS).map((key) => s(key) as Sentence),
      ...errorsOf(presetSet([{ ...preset(), name: '', entries: 'x', note: 5, id: 'x' } as never])),
      s('presetErrorMore', '3') as Sentence,
    ];
    const presetKeys = Object.keys(catalogue).filter((k) => k.startsWith('preset'));
    expect(presetKeys.length).toBeGreaterThanOrEqual(40);
    for (const key of presetKeys) {
      const placeholders = Object.values(catalogue[key]?.placeholders ?? {}) as { content: string }[];
      // Positional $1…$n, each used once.
      expect(placeholders.map((p) => p.content).sort(), key).toEqual(placeholders.map((_, i) => `$${i + 1}`));
    }
    for (const { key, substitutions } of used) {
      expect(Object.keys(catalogue[key]?.placeholders ?? {}).length, key).toBe(substitutions.length);
    }
    expect(formatMessage('presetErrorEntryGroupId', ['2', '3'])).toBe('Preset 2, entry 3: groupId is not a GUID.');
    expect(formatMessage('presetErrorDuration', ["'Helpdesk'"])).toBe(
      "Preset 'Helpdesk': the duration must be between 5 minutes and 24 hours.",
    );
    expect(formatMessage('presetErrorMore', ['4'])).toBe('…and 4 more.');
  });
});
