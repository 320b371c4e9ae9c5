/** Requests and approvals over HTTPS: POST/GET shapes, filterByCurrentUser, stages (v1.0) vs steps (beta). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Https, startHttps } from './https-helpers.ts';
import { ADELE, ALEX, activation, B, deactivation, G, HOUR, MEGAN, MIN } from './test-helpers.ts';

const DANA = 'd6b4f2a8-3e19-4c75-a0d8-7f9e1b2c3d84';

type Obj = Record<string, unknown>;
type List = { '@odata.context': string; value: Obj[] };
const REQ = `${B}/assignmentScheduleRequests`;
const APPROVALS = `${B}/assignmentApprovals`;
let h: Https;
beforeEach(async () => {
  h = await startHttps();
});
afterEach(() => h.close());

const REQUEST_KEYS = [
  '@odata.context',
  'id',
  'status',
  'completedDateTime',
  'createdDateTime',
  'approvalId',
  'customData',
  'createdBy',
  'action',
  'isValidationOnly',
  'justification',
  'scheduleInfo',
  'ticketInfo',
  'accessId',
  'principalId',
  'groupId',
  'targetScheduleId',
];

describe('assignmentScheduleRequests', () => {
  it('POST selfActivate → 201 with the documented shape; GET by id; visible in my active instances', async () => {
    const res = await h.call('POST', `/v1.0${REQ}`, { body: activation(G.sqlAdmins, {}, 'PT2H') });
    expect(res.status).toBe(201);
    const r = res.json<Obj>();
    expect(Object.keys(r).sort()).toEqual([...REQUEST_KEYS].sort());
    expect(r).toMatchObject({
      '@odata.context':
        'https://graph.microsoft.com/v1.0/$metadata#identityGovernance/privilegedAccess/group/assignmentScheduleRequests/$entity',
      status: 'Provisioned',
      action: 'selfActivate',
      approvalId: null,
      createdBy: { user: { id: ADELE } },
      scheduleInfo: { expiration: { type: 'afterDuration', duration: 'PT2H' } },
      ticketInfo: { ticketNumber: 'INC-4711', ticketSystem: 'ServiceNow' },
    });
    const again = await h.call('GET', `/beta${REQ}/${r.id}`);
    expect(again.json<Obj>()).toMatchObject({ id: r.id, status: 'Provisioned' });
    const active = (
      await h.call('GET', `/v1.0${B}/assignmentScheduleInstances/filterByCurrentUser(on='principal')`)
    ).json<List>();
    expect(active.value.some((i) => i.assignmentScheduleId === r.targetScheduleId)).toBe(true);
    expect((await h.call('GET', `/v1.0${REQ}/does-not-exist`)).status).toBe(404);
    const expanded = (
      await h.call('GET', `/v1.0${REQ}/${r.id}?$expand=targetSchedule,activatedUsing,group($select=displayName)`)
    ).json<Obj>();
    expect(expanded.targetSchedule).toMatchObject({
      id: r.targetScheduleId,
      assignmentType: 'activated',
      status: 'Provisioned',
    });
    expect(expanded.activatedUsing).toMatchObject({ groupId: G.sqlAdmins, accessId: 'member', principalId: ADELE });
    // Only what the nested $select names: no id.
    expect(expanded.group).toEqual({ '@odata.type': '#microsoft.graph.group', displayName: 'SG-Prod-SQL-Admins' });
  });

  it('moving the emulator clock expires the activation; deactivation after 5 minutes revokes it', async () => {
    await h.call('POST', `/v1.0${REQ}`, { body: activation(G.sqlAdmins, {}, 'PT1H') });
    await h.call('POST', `/v1.0${REQ}`, { body: activation(G.helpdesk, {}, 'PT1H') });
    h.emu.clock.advance(6 * MIN);
    const off = await h.call('POST', `/v1.0${REQ}`, { body: deactivation(G.helpdesk) });
    expect([off.status, off.json<Obj>().status]).toEqual([201, 'Revoked']);
    h.emu.clock.advance(HOUR);
    const active = (
      await h.call('GET', `/v1.0${B}/assignmentScheduleInstances/filterByCurrentUser(on='principal')`)
    ).json<List>();
    expect(active.value.map((i) => i.groupId).sort()).toEqual([G.aks, G.vpn].sort());
  });

  it('filterByCurrentUser on principal / createdBy / approver, with $filter on status (eq, ne)', async () => {
    const mine = (
      await h.call(
        'GET',
        `/v1.0${REQ}/filterByCurrentUser(on='principal')?$filter=status eq 'PendingApproval' and groupId eq '${G.billing}'`,
      )
    ).json<List>();
    expect(mine.value).toHaveLength(1);
    expect(mine['@odata.context']).toContain(
      'Collection(microsoft.graph.privilegedAccessGroupAssignmentScheduleRequest)',
    );
    const created = (
      await h.call('GET', `/v1.0${REQ}/filterByCurrentUser(on='createdBy')?$filter=status ne 'PendingApproval'`)
    ).json<List>();
    expect(created.value).toHaveLength(0);
    const alex = await h.token({ userId: ALEX });
    const toApprove = (
      await h.call('GET', `/v1.0${REQ}/filterByCurrentUser(on='approver')`, { token: alex })
    ).json<List>();
    // Adele's and Megan's billing requests (demo scenario); Alex approves both.
    expect(toApprove.value.map((r) => [r.groupId, r.principalId])).toEqual([
      [G.billing, ADELE],
      [G.billing, MEGAN],
    ]);
    expect((await h.call('GET', `/v1.0${REQ}/filterByCurrentUser(on='target')`)).status).toBe(400);
    expect((await h.call('GET', `/v1.0${REQ}`)).status).toBe(400);
  });
});

describe.each([
  ['v1.0', 'stages'],
  ['beta', 'steps'],
] as const)('assignmentApprovals on %s (%s)', (version, nav) => {
  const other = nav === 'stages' ? 'steps' : 'stages';
  async function pendingId(): Promise<string> {
    const list = (
      await h.call('GET', `/${version}${REQ}/filterByCurrentUser(on='principal')?$filter=groupId eq '${G.billing}'`)
    ).json<List>();
    return String(list.value[0]?.approvalId);
  }

  it(`GET shows ${nav}[] with assignedToMe; PATCH …/${nav}/{id} approves (204); then 409`, async () => {
    const id = await pendingId();
    const alex = await h.token({ userId: ALEX });
    const mine = (
      await h.call('GET', `/${version}${APPROVALS}/filterByCurrentUser(on='approver')`, { token: alex })
    ).json<List>();
    const megans = (
      await h.call('GET', `/${version}${REQ}/filterByCurrentUser(on='principal')`, {
        token: await h.token({ userId: MEGAN }),
      })
    ).json<List>();
    expect(mine.value.map((a) => a.id)).toEqual([id, megans.value[0]?.id]);
    const a = (await h.call('GET', `/${version}${APPROVALS}/${id}`, { token: alex })).json<Obj>();
    expect(a).not.toHaveProperty(other);
    const [stage] = a[nav] as Obj[];
    expect(stage).toMatchObject({
      assignedToMe: true,
      status: 'InProgress',
      reviewResult: 'NotReviewed',
      reviewedBy: null,
      reviewedDateTime: null,
      justification: null,
    });
    const asAdele = (await h.call('GET', `/${version}${APPROVALS}/${id}`)).json<Obj>();
    expect((asAdele[nav] as Obj[])[0]?.assignedToMe).toBe(false);
    const url = `/${version}${APPROVALS}/${id}/${nav}/${stage?.id}`;
    expect((await h.call('PATCH', url, { body: { reviewResult: 'Approve', justification: 'ok' } })).status).toBe(403);
    expect(
      (
        await h.call('PATCH', `/${version}${APPROVALS}/${id}/${other}/${stage?.id}`, {
          token: alex,
          body: { reviewResult: 'Approve', justification: 'ok' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await h.call('PATCH', `/${version}${APPROVALS}/nope/${nav}/x`, {
          token: alex,
          body: { reviewResult: 'Approve' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await h.call('PATCH', url, { token: alex, body: { reviewResult: 'Maybe', justification: 'x' } })).status,
    ).toBe(400);
    const ok = await h.call('PATCH', url, {
      token: alex,
      body: { reviewResult: 'Approve', justification: 'Quarter end' },
    });
    expect([ok.status, ok.text()]).toEqual([204, '']);
    expect(
      (await h.call('PATCH', url, { token: alex, body: { reviewResult: 'Deny', justification: 'x' } })).status,
    ).toBe(409);
    const done = (await h.call('GET', `/${version}${APPROVALS}/${id}`, { token: alex })).json<Obj>();
    expect((done[nav] as Obj[])[0]).toMatchObject({
      status: 'Completed',
      reviewResult: 'Approved',
      reviewedBy: { id: ALEX, displayName: 'Alex Wilber' },
      justification: 'Quarter end',
    });
    const req = (await h.call('GET', `/${version}${REQ}/${id}`)).json<Obj>();
    expect(req.status).toBe('Provisioned');
  });

  it('deny via PATCH → Denied; someone unrelated cannot read the approval (403)', async () => {
    const id = await pendingId();
    const alex = await h.token({ userId: ALEX });
    // Dana neither requested nor approves billing requests (Alex and Megan do).
    const dana = await h.token({ userId: DANA });
    expect((await h.call('GET', `/${version}${APPROVALS}/${id}`, { token: dana })).status).toBe(403);
    const stageId = (
      (await h.call('GET', `/${version}${APPROVALS}/${id}`, { token: alex })).json<Obj>()[nav] as Obj[]
    )[0]?.id;
    await h.call('PATCH', `/${version}${APPROVALS}/${id}/${nav}/${stageId}`, {
      token: alex,
      body: { reviewResult: 'Deny', justification: 'Not this quarter' },
    });
    expect((await h.call('GET', `/${version}${REQ}/${id}`)).json<Obj>().status).toBe('Denied');
  });
});
