/** Schedules and instances over HTTPS: shapes, @odata.context, $filter/$select/$expand, paging. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Https, startHttps } from './https-helpers.ts';
import { ADELE, B, G, MEGAN } from './test-helpers.ts';

type List = { '@odata.context': string; '@odata.nextLink'?: string; value: Array<Record<string, unknown>> };
let h: Https;
beforeAll(async () => {
  h = await startHttps();
});
afterAll(() => h.close());

const fbcu = "filterByCurrentUser(on='principal')";
const INSTANCE_KEYS = ['id', 'accessId', 'principalId', 'groupId', 'memberType', 'startDateTime', 'endDateTime'];
const SCHEDULE_KEYS = [
  'id',
  'createdDateTime',
  'createdUsing',
  'modifiedDateTime',
  'status',
  'scheduleInfo',
  'accessId',
  'principalId',
  'groupId',
  'memberType',
];

describe.each(['v1.0', 'beta'])('%s', (version) => {
  const get = async (path: string) => h.call('GET', `/${version}${B}/${path}`);

  it.each([
    [
      'eligibilityScheduleInstances',
      [...INSTANCE_KEYS, 'eligibilityScheduleId'],
      'PrivilegedAccessGroupEligibilityScheduleInstance',
    ],
    [
      'assignmentScheduleInstances',
      [...INSTANCE_KEYS, 'assignmentType', 'assignmentScheduleId'],
      'PrivilegedAccessGroupAssignmentScheduleInstance',
    ],
    ['eligibilitySchedules', SCHEDULE_KEYS, 'PrivilegedAccessGroupEligibilitySchedule'],
    ['assignmentSchedules', [...SCHEDULE_KEYS, 'assignmentType'], 'PrivilegedAccessGroupAssignmentSchedule'],
  ])('%s/filterByCurrentUser: fields and @odata.context', async (set, keys, type) => {
    const res = await get(`${set}/${fbcu}`);
    expect(res.status).toBe(200);
    const list = res.json<List>();
    expect(list['@odata.context']).toBe(
      `https://graph.microsoft.com/${version}/$metadata#Collection(microsoft.graph.${type.charAt(0).toLowerCase()}${type.slice(1)})`,
    );
    expect(list.value.length).toBeGreaterThan(0);
    for (const item of list.value) {
      // Function results carry the item type, as every filterByCurrentUser example in the docs does.
      expect(Object.keys(item).sort()).toEqual(['@odata.type', ...keys].sort());
      expect(item['@odata.type']).toBe(`#microsoft.graph.${type.charAt(0).toLowerCase()}${type.slice(1)}`);
      expect(item.principalId).toBe(ADELE);
    }
  });

  it('plain lists require a groupId or principalId filter', async () => {
    for (const set of [
      'eligibilityScheduleInstances',
      'eligibilitySchedules',
      'assignmentScheduleInstances',
      'assignmentSchedules',
    ]) {
      const res = await get(set);
      expect(res.status).toBe(400);
      expect(res.json<{ error: { code: string; message: string } }>().error.code).toBe('BadRequest');
      const ok = await get(`${set}?$filter=groupId eq '${G.devops}'`);
      expect(ok.status).toBe(200);
      expect(ok.json<List>()['@odata.context']).toBe(
        `https://graph.microsoft.com/${version}/$metadata#identityGovernance/privilegedAccess/group/${set}`,
      );
      // Plain lists: no @odata.type on items (the documented list examples have none).
      expect(ok.json<List>().value.every((v) => !('@odata.type' in v))).toBe(true);
    }
    const owners = (
      await get(`assignmentScheduleInstances?$filter=groupId eq '${G.devops}' and accessId eq 'owner'`)
    ).json<List>();
    expect(owners.value.map((v) => v.principalId)).toEqual([MEGAN]);
    const byPrincipal = (await get(`eligibilityScheduleInstances?$filter=principalId eq '${MEGAN}'`)).json<List>();
    expect(byPrincipal.value.every((v) => v.principalId === MEGAN) && byPrincipal.value.length === 2).toBe(true);
  });
});

describe('query options', () => {
  const get = (q: string, set = 'eligibilityScheduleInstances') => h.call('GET', `/v1.0${B}/${set}/${fbcu}${q}`);

  it('eligibilitySchedules/filterByCurrentUser works with and without a filter (doc inconsistency)', async () => {
    const all = (await get('', 'eligibilitySchedules')).json<List>().value;
    const one = (
      await get(`?$filter=groupId eq '${G.devops}' and accessId eq 'owner'`, 'eligibilitySchedules')
    ).json<List>().value;
    expect(all.length).toBeGreaterThan(one.length);
    expect(one.map((s) => [s.groupId, s.accessId])).toEqual([[G.devops, 'owner']]);
  });

  it('$filter: eq/ne on several fields, case-insensitive enums; unsupported → 400 Invalid filter clause', async () => {
    const active = (await get(`?$filter=assignmentType eq 'Assigned'`, 'assignmentScheduleInstances')).json<List>()
      .value;
    expect(active.map((a) => a.groupId)).toEqual([G.vpn]);
    const notVpn = (
      await get(`?$filter=groupId ne '${G.vpn}' and memberType eq 'direct'`, 'assignmentScheduleInstances')
    ).json<List>().value;
    expect(notVpn.map((a) => a.groupId)).toEqual([G.aks]);
    for (const bad of ["startswith(groupId,'a')", `groupId eq ${G.vpn}`, "displayName eq 'x'", "groupId gt 'a'"]) {
      const res = await get(`?$filter=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(/^Invalid filter clause/);
    }
  });

  it('$select returns only what is selected, and @odata.context lists $select and $expand', async () => {
    const type = '#microsoft.graph.privilegedAccessGroupEligibilityScheduleInstance';
    const context =
      'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.privilegedAccessGroupEligibilityScheduleInstance)';
    const sel = (await get('?$select=groupId,endDateTime')).json<List>();
    expect(sel['@odata.context']).toBe(`${context}(groupId,endDateTime)`);
    expect(Object.keys(sel.value[0] ?? {}).sort()).toEqual(['@odata.type', 'endDateTime', 'groupId']);
    expect(sel.value[0]?.['@odata.type']).toBe(type);
    const both = (await get('?$select=id&$expand=group($select=displayName),principal')).json<List>();
    expect(both['@odata.context']).toBe(`${context}(id,group(displayName),principal())`);
    expect(Object.keys(both.value[0] ?? {}).sort()).toEqual(['@odata.type', 'group', 'id', 'principal']);
    expect(Object.keys(both.value[0]?.group as object).sort()).toEqual(['@odata.type', 'displayName']);
  });

  it('refuses query options it does not support ($count, $orderby, $search, $skip), never ignoring them', async () => {
    for (const q of ['$count=true', '$orderby=groupId', '$search="x"', '$skip=1']) {
      const res = await get(`?${q}`);
      expect(res.status).toBe(400);
      const name = q.slice(1, q.indexOf('='));
      expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({
        code: 'BadRequest',
        message: `Query option '${name}' is not allowed. Make sure that it is supported for this request.`,
      });
    }
  });

  it('$expand=group, group($select=…) and principal', async () => {
    const exp = (await get('?$expand=group($select=id,displayName),principal')).json<List>().value;
    const first = exp.find((e) => e.groupId === G.sqlAdmins);
    expect(first?.group).toEqual({
      '@odata.type': '#microsoft.graph.group',
      id: G.sqlAdmins,
      displayName: 'SG-Prod-SQL-Admins',
    });
    expect(first?.principal).toMatchObject({
      id: ADELE,
      displayName: 'Adele Vance',
      userPrincipalName: 'adelev@contoso-demo.onmicrosoft.com',
    });
    const full = (await get('?$expand=group')).json<List>().value[0]?.group as Record<string, unknown>;
    expect(full).toMatchObject({ displayName: expect.any(String), securityEnabled: true });
    expect((await get('?$expand=owner')).status).toBe(400);
  });

  it('pages with $top and an absolute @odata.nextLink that comes back through the server', async () => {
    const seen: string[] = [];
    let next: string | undefined = `/v1.0${B}/eligibilityScheduleInstances/${fbcu}?$top=5&$select=id,groupId`;
    let pages = 0;
    while (next) {
      const res = await h.call('GET', next);
      expect(res.status).toBe(200);
      const list = res.json<List>();
      expect(list.value.length).toBeLessThanOrEqual(5);
      seen.push(...list.value.map((v) => String(v.id)));
      next = list['@odata.nextLink'];
      if (next) expect(next).toMatch(/^https:\/\/graph\.microsoft\.com\/v1\.0\/identityGovernance\/.*\$skiptoken=/);
      pages++;
    }
    expect(seen.length).toBe(16);
    expect(new Set(seen).size).toBe(16);
    expect(pages).toBe(4);
    expect((await get('?$top=1000')).status).toBe(400);
    expect((await get('?$skiptoken=garbage')).status).toBe(400);
  });
});
