import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAVOURITES_MAX, filterEntries, type ListEntry, orderEntries, orderSections, toggleFavourite } from './list.ts';
import { searchText } from './search-fold.ts';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const entry = (groupName: string, accessId: 'member' | 'owner' = 'member', id = groupName): ListEntry => ({
  key: `${id}:${accessId}`,
  groupName,
  accessId,
});
const names = (entries: readonly ListEntry[]) => entries.map((e) => `${e.groupName}/${e.accessId}`);
const none = { favourites: [], recent: {}, collator };

describe('search', () => {
  const items = [entry('SG-Prod-SQL-Admins'), entry('Équipe Données'), entry('Straße-Ops'), entry('sg-dev-readers')];

  it('keeps everything for an empty or blank query, in the same order', () => {
    expect(filterEntries(items, '')).toBe(items);
    expect(filterEntries(items, '   ')).toBe(items);
  });

  it('ignores case and accents both ways', () => {
    expect(names(filterEntries(items, 'equipe'))).toEqual(['Équipe Données/member']);
    expect(names(filterEntries(items, 'ÉQUIPE DONNÉES'))).toEqual(['Équipe Données/member']);
    expect(names(filterEntries(items, 'donnees'))).toEqual(['Équipe Données/member']);
    expect(names(filterEntries(items, 'SG-'))).toEqual(['SG-Prod-SQL-Admins/member', 'sg-dev-readers/member']);
  });

  it('matches every word anywhere in the name', () => {
    expect(names(filterEntries(items, 'admins prod'))).toEqual(['SG-Prod-SQL-Admins/member']);
    expect(filterEntries(items, 'prod readers')).toEqual([]);
  });

  it('finds nothing when nothing matches', () => {
    expect(filterEntries(items, 'zzz')).toEqual([]);
    expect(filterEntries([], 'a')).toEqual([]);
  });

  it('normalises composed and decomposed forms alike', () => {
    expect(searchText('e\u0301')).toBe(searchText('\u00e9'));
    expect(searchText('Ångström')).toBe('angstrom');
  });
});

describe('order', () => {
  const a = entry('Alpha');
  const b = entry('bravo');
  const c = entry('Charlie');
  const d = entry('Delta');
  const e = entry('Échos');

  it('is alphabetical by the collator without favourites or history (case and accents ignored)', () => {
    expect(names(orderEntries([d, e, c, b, a], none))).toEqual([
      'Alpha/member',
      'bravo/member',
      'Charlie/member',
      'Delta/member',
      'Échos/member',
    ]);
  });

  it('puts favourites first in pinned order, then recent (newest first), then the rest', () => {
    const ordered = orderEntries([a, b, c, d, e], {
      favourites: [d.key, b.key],
      recent: { [a.key]: 100, [e.key]: 300, [d.key]: 999 },
      collator,
    });
    expect(names(ordered)).toEqual(['Delta/member', 'bravo/member', 'Échos/member', 'Alpha/member', 'Charlie/member']);
  });

  it('lists the same group twice, member before owner, and tells them apart by key', () => {
    const member = entry('SG-Ops', 'member', 'g1');
    const owner = entry('SG-Ops', 'owner', 'g1');
    expect(names(orderEntries([owner, member], none))).toEqual(['SG-Ops/member', 'SG-Ops/owner']);
    const pinnedOwner = orderEntries([member, owner], { ...none, favourites: [owner.key] });
    expect(names(pinnedOwner)).toEqual(['SG-Ops/owner', 'SG-Ops/member']);
    expect(names(filterEntries([member, owner], 'ops'))).toEqual(['SG-Ops/member', 'SG-Ops/owner']);
  });

  it('ignores favourites and history for items that are not listed, and duplicate pins', () => {
    const ordered = orderEntries([b, a], {
      favourites: ['gone:member', b.key, b.key],
      recent: { 'x:owner': 5 },
      collator,
    });
    expect(names(ordered)).toEqual(['bravo/member', 'Alpha/member']);
  });

  it('puts what is live first, ordered among itself like the rest, and says the section of each', () => {
    const ordering = {
      favourites: [d.key, b.key],
      recent: { [a.key]: 100, [e.key]: 300 },
      collator,
      live: new Set([e.key, c.key, b.key, 'gone:member']),
    };
    const ordered = orderSections([a, b, c, d, e], ordering);
    expect(ordered.map((x) => `${x.section}:${x.entry.groupName}`)).toEqual([
      'now:bravo',
      'now:Échos',
      'now:Charlie',
      'pinned:Delta',
      'recent:Alpha',
    ]);
    expect(orderEntries([a, b, c, d, e], ordering)).toEqual(ordered.map((x) => x.entry));
    // Nothing live: no "now" section; the sections follow favourites, recent, rest.
    expect(orderSections([c, a, d], { ...ordering, live: new Set() }).map((x) => x.section)).toEqual([
      'pinned',
      'recent',
      'rest',
    ]);
  });

  it('sorts numbers naturally', () => {
    expect(names(orderEntries([entry('SG-10'), entry('SG-9')], none))).toEqual(['SG-9/member', 'SG-10/member']);
  });

  it('toggles a favourite, keeping the others in order', () => {
    expect(toggleFavourite(['a', 'b'], 'c')).toEqual(['a', 'b', 'c']);
    expect(toggleFavourite(['a', 'b', 'c'], 'b')).toEqual(['a', 'c']);
    // Storage keeps at most FAVOURITES_MAX: one more star forgets the oldest instead of failing to save.
    const full = Array.from({ length: FAVOURITES_MAX }, (_, i) => `k${i}`);
    const starred = toggleFavourite(full, 'new');
    expect(starred).toHaveLength(FAVOURITES_MAX);
    expect(starred.at(0)).toBe('k1');
    expect(starred.at(-1)).toBe('new');
  });

  it('orders and filters 1,000 items', () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      entry(`SG-${String(i).padStart(4, '0')}-${i % 3 ? 'Ops' : 'Équipe'}`, i % 2 ? 'owner' : 'member', `g${i}`),
    );
    const favourites = [many[500]?.key ?? '', many[7]?.key ?? ''];
    const ordered = orderEntries(many, { favourites, recent: { [many[999]?.key ?? '']: 1 }, collator });
    expect(ordered).toHaveLength(1000);
    expect(ordered.slice(0, 3).map((x) => x.key)).toEqual([...favourites, many[999]?.key]);
    expect(filterEntries(ordered, 'equipe')).toHaveLength(334);
    expect(filterEntries(ordered, '0999')).toHaveLength(1);
  });
});

describe('properties', () => {
  const entries = fc
    .uniqueArray(
      fc.record({
        id: fc.string({ maxLength: 4 }),
        groupName: fc.string({ maxLength: 8 }),
        accessId: fc.constantFrom<'member' | 'owner'>('member', 'owner'),
      }),
      { selector: (x) => `${x.id}:${x.accessId}`, maxLength: 40 },
    )
    .map((xs) => xs.map(({ id, groupName, accessId }) => entry(groupName, accessId, id)));
  const setup = entries.chain((xs) =>
    fc.record({
      xs: fc.constant(xs),
      favourites: fc.subarray(xs.map((x) => x.key)),
      recent: fc
        .subarray(xs.map((x) => x.key))
        .chain((keys) =>
          fc
            .tuple(...keys.map(() => fc.nat()))
            .map((times): Record<string, number> => Object.fromEntries(keys.map((k, i) => [k, times[i] ?? 0]))),
        ),
      query: fc.string({ maxLength: 3 }),
    }),
  );

  it('filtering never invents items and keeps their order', () => {
    fc.assert(
      fc.property(setup, ({ xs, query }) => {
        const found = filterEntries(xs, query);
        let last = -1;
        for (const x of found) {
          const at = xs.indexOf(x);
          expect(at).toBeGreaterThan(last);
          last = at;
        }
      }),
    );
  });

  it('ordering is a permutation with favourites first, in pinned order, then recent, newest first', () => {
    fc.assert(
      fc.property(setup, ({ xs, favourites, recent }) => {
        const ordered = orderEntries(xs, { favourites, recent, collator });
        expect([...ordered].sort((p, q) => p.key.localeCompare(q.key))).toEqual(
          [...xs].sort((p, q) => p.key.localeCompare(q.key)),
        );
        const pinned = ordered.slice(0, favourites.length).map((x) => x.key);
        expect(pinned).toEqual(favourites);
        const next = ordered.slice(favourites.length).filter((x) => Object.hasOwn(recent, x.key));
        const nextTimes = next.map((x) => recent[x.key] ?? 0);
        expect(nextTimes).toEqual([...nextTimes].sort((p, q) => q - p));
        const recentCount = next.length;
        expect(ordered.slice(favourites.length, favourites.length + recentCount)).toEqual(next);
      }),
    );
  });

  it('live entries come first, then the order without them is unchanged', () => {
    fc.assert(
      fc.property(
        setup.chain((s) => fc.subarray(s.xs.map((x) => x.key)).map((live) => ({ ...s, live: new Set(live) }))),
        ({ xs, favourites, recent, live }) => {
          const ordered = orderSections(xs, { favourites, recent, collator, live });
          const liveCount = ordered.filter((x) => live.has(x.entry.key)).length;
          expect(ordered.slice(0, liveCount).every((x) => x.section === 'now' && live.has(x.entry.key))).toBe(true);
          const rest = ordered.slice(liveCount).map((x) => x.entry);
          expect(rest).toEqual(orderEntries(xs, { favourites, recent, collator }).filter((x) => !live.has(x.key)));
        },
      ),
    );
  });

  it('filtering an ordered list equals ordering the filtered list (order is stable under search)', () => {
    fc.assert(
      fc.property(setup, ({ xs, favourites, recent, query }) => {
        const ordering = { favourites, recent, collator };
        expect(filterEntries(orderEntries(xs, ordering), query)).toEqual(
          orderEntries(filterEntries(xs, query), ordering),
        );
      }),
    );
  });

  it('ordering is deterministic whatever the input order', () => {
    fc.assert(
      fc.property(
        setup.chain((s) =>
          fc.shuffledSubarray(s.xs, { minLength: s.xs.length }).map((shuffled) => ({ ...s, shuffled })),
        ),
        ({ xs, shuffled, favourites, recent }) => {
          const ordering = { favourites, recent, collator };
          expect(orderEntries(shuffled, ordering)).toEqual(orderEntries(xs, ordering));
        },
      ),
    );
  });
});
