/** The OData subset and the casing option, tested directly. */
import { describe, expect, it } from 'vitest';
import { GraphError } from './errors.ts';
import {
  applySelect,
  filterByCurrentUser,
  matches,
  nextLink,
  paginate,
  parseExpand,
  parseFilter,
  projection,
} from './odata.ts';
import { activation, B, body, direct, G } from './test-helpers.ts';

describe('$filter', () => {
  it('parses eq/ne joined by and, with quoted literals and escaped quotes', () => {
    expect(parseFilter("groupId eq 'a' and status ne 'O''Brien'", ['groupId', 'status'])).toEqual([
      { field: 'groupId', op: 'eq', value: 'a' },
      { field: 'status', op: 'ne', value: "O'Brien" },
    ]);
    expect(parseFilter(null, [])).toEqual([]);
    expect(matches({ groupId: 'A', status: 'x' }, parseFilter("GROUPID eq 'a'", ['groupId']))).toBe(true);
  });
  it.each([
    'groupId eq a',
    "groupId eq 'a' or status eq 'b'",
    "groupId in ('a')",
    "other eq 'a'",
    "groupId eq 'a' and",
  ])('rejects %s', (f) => {
    expect(() => parseFilter(f, ['groupId', 'status'])).toThrow(GraphError);
  });
});

describe('$expand, $select, paging', () => {
  it('parses nested options', () => {
    expect(parseExpand('group($select=id,displayName),principal', ['group', 'principal'])).toEqual([
      { name: 'group', select: ['id', 'displayName'] },
      { name: 'principal' },
    ]);
    expect(parseExpand('policy($expand=rules)', ['policy'])).toEqual([{ name: 'policy', expand: [{ name: 'rules' }] }]);
    expect(() => parseExpand('group($top=1)', ['group'])).toThrow(GraphError);
    expect(() => parseExpand('group(', ['group'])).toThrow(GraphError);
  });
  it('$select keeps only the selected properties (id too only when selected) and annotations', () => {
    expect(applySelect({ id: 1, '@odata.type': 't', a: 2, b: 3 }, ['B'])).toEqual({ '@odata.type': 't', b: 3 });
    expect(applySelect({ id: 1, a: 2 }, ['id'])).toEqual({ id: 1 });
  });
  it('projection: the $select list, then expanded navigations with theirs', () => {
    expect(projection(undefined, [])).toBe('');
    expect(projection(['id', 'displayName'], [])).toBe('(id,displayName)');
    expect(projection(undefined, parseExpand('policy($expand=rules)', ['policy']))).toBe('(policy(rules()))');
    expect(
      projection(['groupId'], parseExpand('group($select=id,displayName),principal', ['group', 'principal'])),
    ).toBe('(groupId,group(id,displayName),principal())');
  });
  it('paginates with $top and a skiptoken; nextLink is absolute and keeps the query', () => {
    const items = Array.from({ length: 7 }, (_, i) => i);
    const q = new URLSearchParams('$top=3&$filter=x');
    const p1 = paginate(items, q, 100);
    expect(p1).toEqual({ items: [0, 1, 2], nextSkip: 3 });
    const link = nextLink('https://graph.microsoft.com/v1.0', "/a/filterByCurrentUser(on='principal')", q, 3);
    expect(link).toMatch(
      /^https:\/\/graph\.microsoft\.com\/v1\.0\/a\/filterByCurrentUser\(on='principal'\)\?\$top=3&\$filter=x&\$skiptoken=/,
    );
    const p3 = paginate(items, new URL(link).searchParams, 100);
    expect(p3).toEqual({ items: [3, 4, 5], nextSkip: 6 });
    expect(() => paginate(items, new URLSearchParams('$top=0'), 100)).toThrow(GraphError);
    const spaced = nextLink('https://g/v1.0', '/x', new URLSearchParams({ $filter: "groupId eq 'a+b'" }), 1);
    expect(spaced).toContain("$filter=groupId%20eq%20'a%2Bb'&");
  });
  it("filterByCurrentUser(on='…') accepts only the allowed values", () => {
    expect(filterByCurrentUser("filterByCurrentUser(on='Principal')", ['principal'])).toBe('principal');
    expect(filterByCurrentUser('abc', ['principal'])).toBeNull();
    expect(() => filterByCurrentUser("filterByCurrentUser(on='approver')", ['principal'])).toThrow(GraphError);
  });
  it('pageSize option sets the server page size', async () => {
    const d = direct({ pageSize: 4 });
    const res = await d.call('GET', `${B}/eligibilityScheduleInstances/filterByCurrentUser(on='principal')`);
    expect(body<{ value: unknown[] }>(res).value).toHaveLength(4);
    expect(body(res)['@odata.nextLink']).toEqual(expect.any(String));
  });
  it('$top lowers the page size but never raises it above the server page size (decision 20)', () => {
    const items = Array.from({ length: 250 }, (_, i) => i);
    expect(paginate(items, new URLSearchParams('$top=999'), 100)).toEqual({
      items: items.slice(0, 100),
      nextSkip: 100,
    });
    expect(paginate(items, new URLSearchParams('$top=101'), 100).items).toHaveLength(100);
    expect(paginate(items, new URLSearchParams('$top=2'), 100)).toEqual({ items: [0, 1], nextSkip: 2 });
    expect(() => paginate(items, new URLSearchParams('$top=1000'), 100)).toThrow(GraphError);
  });
  it('a list asked with $top=999 comes in the server page size, its nextLink keeping the $top', async () => {
    const d = direct({ pageSize: 4 });
    const path = `${B}/eligibilityScheduleInstances/filterByCurrentUser(on='principal')`;
    const res = await d.call('GET', path, { query: '$top=999' });
    expect(body<{ value: unknown[] }>(res).value).toHaveLength(4);
    expect(body(res)['@odata.nextLink']).toMatch(/\?\$top=999&\$skiptoken=/);
  });
});

describe('enumCasing', () => {
  it.each([
    ['camel', { memberType: 'direct', assignmentType: 'activated', action: 'selfActivate', type: 'afterDuration' }],
    ['pascal', { memberType: 'Direct', assignmentType: 'Activated', action: 'SelfActivate', type: 'AfterDuration' }],
  ] as const)('%s', async (enumCasing, want) => {
    const d = direct({ enumCasing });
    const r = body<{ action: string; scheduleInfo: { expiration: { type: string } } }>(
      await d.call('POST', `${B}/assignmentScheduleRequests`, { body: activation(G.sqlAdmins) }),
    );
    expect([r.action, r.scheduleInfo.expiration.type]).toEqual([want.action, want.type]);
    const list = body<{ value: Array<Record<string, unknown>> }>(
      await d.call('GET', `${B}/assignmentScheduleInstances/filterByCurrentUser(on='principal')`, {
        query: `$filter=groupId eq '${G.sqlAdmins}'`,
      }),
    );
    expect(list.value[0]).toMatchObject({ memberType: want.memberType, assignmentType: want.assignmentType });
  });
});
