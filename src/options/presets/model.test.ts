import { describe, expect, it } from 'vitest';
import { GROUP_A, preset, TENANT } from '../../core/presets/test-fixtures.ts';
import {
  checkDraft,
  draftOf,
  duplicate,
  emptyDraft,
  exportFileName,
  move,
  newPresetKeysFromHash,
  restore,
  tenantFor,
} from './model.ts';

const ID = '0f000000-0000-4000-8000-000000000001';
const check = (draft: ReturnType<typeof emptyDraft>, others = [preset({ name: 'Taken' })]) =>
  checkDraft(draft, { others, id: ID, tenantId: TENANT, nowMs: Date.parse('2026-11-30T05:00:00Z') });

describe('preset draft', () => {
  it('round-trips a preset through the editor unchanged except for updatedAt', () => {
    const p = preset({ appUrl: 'https://portal.azure.com/', note: 'n', ticketNumber: 'INC1' });
    const result = checkDraft(draftOf(p), { base: p, others: [], id: ID, tenantId: TENANT, nowMs: Date.now() });
    expect(result.ok && { ...result.preset, updatedAt: p.updatedAt }).toEqual(p);
  });

  it('reports each field with the schema’s own rules, and a taken name', () => {
    const result = check({
      ...emptyDraft(),
      name: ' taken ',
      durationMinutes: '7.5',
      appUrl: 'https://user:pw@portal.azure.com',
      justification: 'x'.repeat(501),
      ticketSystem: 'a\u202Eb',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.fromEntries(Object.entries(result.problems).map(([k, v]) => [k, v?.key]))).toEqual({
      name: 'presetFormErrorNameTaken',
      entries: 'presetFormErrorGroups',
      durationMinutes: 'presetFormErrorDuration',
      appUrl: 'presetFormErrorUrl',
      justification: 'presetFormErrorTooLong',
      ticketSystem: 'presetFormErrorControl',
    });
    expect(result.problems.justification?.substitutions).toEqual(['500']);
  });

  it('leaves empty optional fields out and fills ids, dates and tenant', () => {
    const result = check({ ...emptyDraft([`${GROUP_A}:owner`]), name: 'New' });
    expect(result).toEqual({
      ok: true,
      preset: {
        id: ID,
        name: 'New',
        entries: [{ groupId: GROUP_A, accessId: 'owner' }],
        durationMinutes: 60,
        justification: '',
        createdAt: '2026-11-30T05:00:00.000Z',
        updatedAt: '2026-11-30T05:00:00.000Z',
        tenantId: TENANT,
      },
    });
  });
});

describe('list helpers', () => {
  it('moves, duplicates next to the original, and restores at the old place once', () => {
    const [a, b, c] = [preset({ name: 'A' }), preset({ name: 'B' }), preset({ name: 'C' })];
    expect(move([a, b, c], 2, 0).map((p) => p.name)).toEqual(['C', 'A', 'B']);
    expect(move([a, b, c], 0, -1).map((p) => p.name)).toEqual(['A', 'B', 'C']);
    const copied = duplicate([a, b], 0, { id: ID, nowMs: 0 });
    expect(copied.map((p) => p.name)).toEqual(['A', 'A (2)', 'B']);
    expect(copied[1]?.id).toBe(ID);
    expect(restore([a, c], b, 1).map((p) => p.name)).toEqual(['A', 'B', 'C']);
    expect(restore([a, b, c], b, 0).map((p) => p.name)).toEqual(['A', 'B', 'C']);
    expect(restore([a], b, 5).map((p) => p.name)).toEqual(['A', 'B']);
  });

  it('names the export file after the local day', () => {
    expect(exportFileName(new Date(2026, 10, 3, 23, 59).getTime())).toBe('pim-presets-2026-11-03.json');
  });

  it('reads the popup’s #new-preset hash, ignoring anything that is not a group key', () => {
    expect(newPresetKeysFromHash(`#new-preset=${encodeURIComponent(`${GROUP_A}:member,x,${GROUP_A}:boss`)}`)).toEqual([
      `${GROUP_A}:member`,
    ]);
    expect(newPresetKeysFromHash('#new-preset')).toEqual([]);
    expect(newPresetKeysFromHash('#new-preset=%E0%A4%A')).toEqual([]);
    expect(newPresetKeysFromHash('#other')).toBeUndefined();
    expect(newPresetKeysFromHash('')).toBeUndefined();
  });

  it('takes the account’s tenant, else a GUID configured, else the nil GUID', () => {
    expect(tenantFor(TENANT.toUpperCase(), 'contoso.com')).toBe(TENANT);
    expect(tenantFor('tid', TENANT)).toBe(TENANT);
    expect(tenantFor(undefined, 'contoso.com')).toBe('00000000-0000-0000-0000-000000000000');
  });
});
