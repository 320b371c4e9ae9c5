import { describe, expect, it } from 'vitest';
import { itemKey } from '../pim-state.ts';
import { applyImport, planImport, presetContent, uniqueName } from './merge.ts';
import type { Preset } from './schema.ts';
import { GROUP_A, GROUP_B, GROUP_C, OTHER_TENANT, preset, presetSet, TENANT } from './test-fixtures.ts';

const eligibleKeys = new Set([itemKey(GROUP_A, 'member'), itemKey(GROUP_B, 'owner')]);
const context = { tenantId: TENANT, eligibleKeys };
const ids = (...list: string[]) => {
  const queue = [...list];
  return () => queue.shift() ?? 'ffffffff-0000-4000-8000-000000000000';
};
const NEW_1 = 'eeeeeeee-0000-4000-8000-000000000001';
const NEW_2 = 'eeeeeeee-0000-4000-8000-000000000002';

describe('planImport', () => {
  it('adds new presets as they are', () => {
    const incoming = preset({ name: 'Owners', entries: [{ groupId: GROUP_B, accessId: 'owner' }] });
    const plan = planImport([preset()], presetSet([incoming]), context);
    expect(plan).toEqual({
      otherTenant: false,
      items: [
        {
          action: 'add',
          preset: incoming,
          name: 'Owners',
          entries: [{ groupId: GROUP_B, accessId: 'owner', notEligible: false }],
          notEligibleCount: 0,
          otherTenant: false,
        },
      ],
    });
  });

  it('skips a duplicate: same content, whatever the id, dates, tenant, entry order or name case', () => {
    const mine = preset({
      entries: [
        { groupId: GROUP_A, accessId: 'member' },
        { groupId: GROUP_B, accessId: 'owner' },
      ],
    });
    const theirs = {
      ...mine,
      id: NEW_1,
      name: 'HELPDESK',
      createdAt: '2020-01-01T00:00:00Z',
      tenantId: OTHER_TENANT,
      entries: [...mine.entries].reverse(),
    };
    const [item] = planImport([mine], presetSet([theirs]), context).items;
    expect(item?.action).toBe('duplicate');
    expect(item?.duplicateOf).toBe('Helpdesk');
    expect(presetContent(theirs)).toBe(presetContent(mine));
  });

  it('renames when the name is taken by other content: "Name (2)", then "(3)"', () => {
    const existing = [preset(), preset({ name: 'Helpdesk (2)', durationMinutes: 30 })];
    const incoming = [
      preset({ durationMinutes: 120 }),
      preset({ durationMinutes: 240 }),
      preset({ name: 'helpdesk (2)', durationMinutes: 15 }),
    ];
    const plan = planImport(existing, presetSet(incoming), context);
    expect(plan.items.map((i) => [i.action, i.name])).toEqual([
      ['rename', 'Helpdesk (3)'],
      ['rename', 'Helpdesk (4)'],
      ['rename', 'helpdesk (5)'],
    ]);
  });

  it('treats a repeat within the import like one already there', () => {
    const one = preset({ name: 'Tier 1' });
    const plan = planImport([], presetSet([one, { ...one, id: NEW_1 }, { ...one, id: NEW_2, note: 'other' }]), context);
    expect(plan.items.map((i) => [i.action, i.name, i.duplicateOf])).toEqual([
      ['add', 'Tier 1', undefined],
      ['duplicate', 'Tier 1', 'Tier 1'],
      ['rename', 'Tier 1 (2)', undefined],
    ]);
  });

  it('flags each entry the user is not eligible for', () => {
    const incoming = preset({
      entries: [
        { groupId: GROUP_A, accessId: 'member' },
        { groupId: GROUP_A, accessId: 'owner' },
        { groupId: GROUP_C, accessId: 'member' },
      ],
    });
    const [item] = planImport([], presetSet([incoming]), context).items;
    expect(item?.entries.map((e) => e.notEligible)).toEqual([false, true, true]);
    expect(item?.notEligibleCount).toBe(2);
    expect(item?.action).toBe('add');
    // While only the first pages of the list are read (issue 19), eligibility is not known: nothing is flagged.
    const [unknown] = planImport([], presetSet([incoming]), { ...context, eligibleKeys: null }).items;
    expect(unknown?.entries.map((e) => e.notEligible)).toEqual([false, false, false]);
    expect(unknown?.notEligibleCount).toBe(0);
  });

  it('flags a set from another tenant (GUIDs compared without case)', () => {
    expect(planImport([], presetSet([preset()], { tenantId: OTHER_TENANT }), context).otherTenant).toBe(true);
    expect(planImport([], presetSet([preset()], { tenantId: TENANT.toUpperCase() }), context).otherTenant).toBe(false);
    // Without a tenant of the set's own, the presets' tenants decide.
    const plan = planImport(
      [],
      presetSet([preset(), preset({ tenantId: OTHER_TENANT })], { tenantId: undefined }),
      context,
    );
    expect(plan.otherTenant).toBe(true);
    expect(plan.items.map((i) => i.otherTenant)).toEqual([false, true]);
    // The user's tenant unknown: nothing to compare with.
    expect(
      planImport([], presetSet([preset()], { tenantId: OTHER_TENANT }), { ...context, tenantId: '' }).otherTenant,
    ).toBe(false);
  });

  it('never plans to replace a managed preset: same content is a duplicate, same name a rename', () => {
    const managed = preset({ name: 'Org rota', managed: true });
    const plan = planImport(
      [managed],
      presetSet([
        { ...managed, id: NEW_1, managed: undefined },
        { ...managed, id: NEW_2, durationMinutes: 480 },
      ]),
      context,
    );
    expect(plan.items.map((i) => [i.action, i.name])).toEqual([
      ['duplicate', 'Org rota'],
      ['rename', 'Org rota (2)'],
    ]);
  });

  it('stops adding at 100 user presets (managed ones do not count)', () => {
    const mine = Array.from({ length: 99 }, (_, i) => preset({ name: `P${i}` }));
    const plan = planImport(
      [...mine, preset({ name: 'Org', managed: true })],
      presetSet([preset({ name: 'A' }), preset({ name: 'B' })]),
      context,
    );
    expect(plan.items.map((i) => i.action)).toEqual(['add', 'full']);
  });
});

describe('applyImport', () => {
  it('keeps the existing presets as they are and appends the additions with new ids', () => {
    const managed = preset({ name: 'Org rota', managed: true });
    const mine = preset();
    const existing = [managed, mine];
    const frozen = JSON.stringify(existing);
    const incoming = [
      { ...managed, id: NEW_2, durationMinutes: 480 },
      preset({ name: 'Owners', managed: true, durationMinutes: 30 }),
      { ...mine, id: NEW_1 },
    ];
    const plan = planImport(existing, presetSet(incoming), context);
    const result = applyImport(existing, plan, {
      newId: ids(NEW_1.toUpperCase(), 'cccccccc-0000-4000-8000-000000000003'),
    });
    expect(JSON.stringify(existing)).toBe(frozen);
    expect(result.slice(0, 2)).toEqual(existing);
    expect(result[0]).toBe(managed);
    expect(result.slice(2).map((p) => [p.id, p.name, p.durationMinutes, p.managed])).toEqual([
      [NEW_1, 'Org rota (2)', 480, undefined],
      ['cccccccc-0000-4000-8000-000000000003', 'Owners', 30, undefined],
    ]);
    expect(result.slice(2).every((p) => !('managed' in p))).toBe(true);
  });

  it('gives new ids even when the import reuses existing ones, and never repeats an id', () => {
    const mine = preset();
    const copy = { ...mine, name: 'Copy', durationMinutes: 15 };
    const plan = planImport([mine], presetSet([copy]), context);
    const result = applyImport([mine], plan, { newId: ids(mine.id, mine.id, NEW_2) });
    expect(result.map((p) => p.id)).toEqual([mine.id, NEW_2]);
    expect(
      new Set(applyImport([], planImport([], presetSet([preset(), preset({ name: 'b' })]), context)).map((p) => p.id))
        .size,
    ).toBe(2);
  });

  it("never takes an organisation preset's id, even when the imported preset carries it", () => {
    const pushed = preset({ name: 'Pushed' });
    const imported = { ...pushed, name: 'Imported', durationMinutes: 15 };
    const plan = planImport([], presetSet([imported]), context);
    const result = applyImport([], plan, {
      newId: ids(pushed.id.toUpperCase(), pushed.id, NEW_2),
      reservedIds: [pushed.id.toUpperCase()],
    });
    expect(result.map((p) => p.id)).toEqual([NEW_2]);
  });

  it("adds an imported preset's app page only when the user confirmed it", () => {
    const incoming = [
      preset({ name: 'Suggests', appUrl: 'https://look-alike.example/' }),
      preset({ name: 'Confirmed', appUrl: 'https://portal.azure.com/' }),
      preset({ name: 'None' }),
    ];
    const plan = planImport([], presetSet(incoming), context);
    const added = applyImport([], plan, { confirmedAppUrls: new Set([1, 2]) });
    expect(added.map((p) => [p.name, p.appUrl])).toEqual([
      ['Suggests', undefined],
      ['Confirmed', 'https://portal.azure.com/'],
      ['None', undefined],
    ]);
    expect('appUrl' in (added[0] ?? {})).toBe(false);
    expect(applyImport([], plan).every((p) => !('appUrl' in p))).toBe(true);
  });

  it('adds nothing for duplicates and a full list', () => {
    const mine = preset();
    expect(applyImport([mine], planImport([mine], presetSet([{ ...mine, id: NEW_1 }]), context))).toEqual([mine]);
    const full = Array.from({ length: 100 }, (_, i) => preset({ name: `P${i}` }));
    expect(applyImport(full, planImport(full, presetSet([preset({ name: 'x' })]), context))).toHaveLength(100);
  });

  it('keeps names unique even when the list changed after the plan was made', () => {
    const plan = planImport([], presetSet([preset({ name: 'Ops' })]), context);
    const meanwhile: Preset[] = [preset({ name: 'Ops', durationMinutes: 5, managed: true })];
    expect(applyImport(meanwhile, plan).map((p) => p.name)).toEqual(['Ops', 'Ops (2)']);
  });
});

describe('uniqueName', () => {
  it('numbers from 2, continues a number already there, and stays within 100 characters', () => {
    const taken = new Set(['ops', 'ops (2)', 'a (9)']);
    expect(uniqueName('New', taken)).toBe('New');
    expect(uniqueName('Ops', taken)).toBe('Ops (3)');
    expect(uniqueName('A (9)', taken)).toBe('A (10)');
    const long = 'x'.repeat(100);
    expect(uniqueName(long, new Set([long]))).toBe(`${'x'.repeat(96)} (2)`);
    const astral = '🛡'.repeat(50);
    const renamed = uniqueName(astral, new Set([astral]));
    expect(renamed.length).toBeLessThanOrEqual(100);
    expect(renamed.endsWith('🛡 (2)')).toBe(true);
  });
});
