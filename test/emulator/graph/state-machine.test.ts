/** State transitions of assignment requests, driven by moving the clock (no sleeps). */
import { describe, expect, it } from 'vitest';
import {
  ADELE,
  ALEX,
  activation,
  activeIn,
  B,
  body,
  claims,
  DAY,
  direct,
  err,
  G,
  HOUR,
  type List,
  MEGAN,
  MIN,
  MY_REQS,
  REQ,
  type Req,
} from './test-helpers.ts';

describe('selfActivate', () => {
  it('activates now: 201 Provisioned, an activated instance from now to now+duration', async () => {
    const d = direct();
    const res = await d.call('POST', REQ, { body: activation(G.sqlAdmins, {}, 'PT2H') });
    expect(res.status).toBe(201);
    const r = body<Req>(res);
    expect(r.status).toBe('Provisioned');
    expect(r.targetScheduleId).toBe(`${G.sqlAdmins}_member_${r.id}`);
    expect(r.completedDateTime).toBe('2026-03-02T09:00:00Z');
    const [inst] = await activeIn(d, G.sqlAdmins);
    expect(inst).toMatchObject({
      assignmentType: 'activated',
      startDateTime: '2026-03-02T09:00:00Z',
      endDateTime: '2026-03-02T11:00:00Z',
      assignmentScheduleId: r.targetScheduleId,
    });
  });

  it('expires at the end time: the instance leaves the list', async () => {
    const d = direct();
    await d.call('POST', REQ, { body: activation(G.sqlAdmins, {}, 'PT1H') });
    d.advance(HOUR - 1000);
    expect(await activeIn(d, G.sqlAdmins)).toHaveLength(1);
    d.advance(1000);
    expect(await activeIn(d, G.sqlAdmins)).toHaveLength(0);
  });

  it('a future start is Granted, becomes an activated instance at the start, and the request Provisioned', async () => {
    const d = direct();
    const start = new Date(d.clock.now() + 3 * HOUR).toISOString();
    const r = body<Req>(await d.call('POST', REQ, { body: activation(G.sqlAdmins, {}, 'PT1H', start) }));
    expect(r.status).toBe('Granted');
    expect(await activeIn(d, G.sqlAdmins)).toHaveLength(0);
    const schedules = body<List>(await d.call('GET', `${B}/assignmentSchedules/filterByCurrentUser(on='principal')`));
    expect(schedules.value.find((s) => s.id === r.targetScheduleId)).toMatchObject({ status: 'Granted' });
    d.advance(3 * HOUR);
    expect(await activeIn(d, G.sqlAdmins)).toHaveLength(1);
    expect(body<Req>(await d.call('GET', `${REQ}/${r.id}`)).status).toBe('Provisioned');
  });

  it('a start less than a minute ahead counts as now', async () => {
    const d = direct();
    const start = new Date(d.clock.now() + 30_000).toISOString();
    expect(body<Req>(await d.call('POST', REQ, { body: activation(G.sqlAdmins, {}, 'PT1H', start) })).status).toBe(
      'Provisioned',
    );
  });

  it('isValidationOnly validates, answers 201 and changes nothing', async () => {
    const d = direct();
    const res = await d.call('POST', REQ, { body: activation(G.sqlAdmins, { isValidationOnly: true }) });
    expect(res.status).toBe(201);
    expect(body(res)).toMatchObject({ isValidationOnly: true, status: 'Provisioned' });
    expect(await activeIn(d, G.sqlAdmins)).toHaveLength(0);
    expect(body<List>(await d.call('GET', MY_REQS)).value.some((r) => r.groupId === G.sqlAdmins)).toBe(false);
    const bad = await d.call('POST', REQ, { body: activation(G.sqlAdmins, { isValidationOnly: true }, 'PT9H') });
    expect(err(bad).code).toBe('RoleAssignmentRequestPolicyValidationFailed');
  });

  it('caps the activation at the end of the eligibility', async () => {
    const d = direct();
    d.advance(3 * DAY - 30 * MIN);
    await d.call('POST', REQ, { body: activation(G.falcon, {}, 'PT2H') });
    const [inst] = await activeIn(d, G.falcon);
    expect(Date.parse(String(inst?.endDateTime)) - d.clock.now()).toBe(30 * MIN);
  });
});

describe('approval', () => {
  async function pending(d: ReturnType<typeof direct>) {
    const r = body<Req>(await d.call('POST', REQ, { body: activation(G.roleAdmins) }));
    expect(r.status).toBe('PendingApproval');
    expect(r.approvalId).toBe(r.id);
    return r;
  }

  it('approve → Provisioned with an instance; the duration counts from the approval', async () => {
    const d = direct();
    const r = await pending(d);
    d.advance(2 * HOUR);
    expect(d.svc.decideApproval({ approvalId: r.id, approverId: ALEX, decision: 'Approve' }).status).toBe(204);
    expect(body<Req>(await d.call('GET', `${REQ}/${r.id}`)).status).toBe('Provisioned');
    const [inst] = await activeIn(d, G.roleAdmins);
    expect(Date.parse(String(inst?.endDateTime)) - d.clock.now()).toBe(HOUR);
  });

  it('deny → Denied, nothing active; a second decision is 409', async () => {
    const d = direct();
    const r = await pending(d);
    expect(d.svc.decideApproval({ approvalId: r.id, approverId: ALEX, decision: 'Deny' }).status).toBe(204);
    expect(body<Req>(await d.call('GET', `${REQ}/${r.id}`)).status).toBe('Denied');
    expect(await activeIn(d, G.roleAdmins)).toHaveLength(0);
    expect(d.svc.decideApproval({ approvalId: r.id, approverId: ALEX, decision: 'Approve' }).status).toBe(409);
  });

  it('control decisions: 404 unknown, 403 for a non-approver and for the requester', async () => {
    const d = direct();
    const r = await pending(d);
    expect(d.svc.decideApproval({ approvalId: 'nope', approverId: ALEX, decision: 'Approve' }).status).toBe(404);
    expect(d.svc.decideApproval({ approvalId: r.id, approverId: MEGAN, decision: 'Approve' }).status).toBe(403);
    expect(d.svc.decideApproval({ approvalId: r.id, approverId: ADELE, decision: 'Approve' }).status).toBe(403);
  });

  it('times out after 24 hours as Canceled (configurable)', async () => {
    const d = direct();
    const r = await pending(d);
    d.advance(24 * HOUR - 1);
    expect(body<Req>(await d.call('GET', `${REQ}/${r.id}`)).status).toBe('PendingApproval');
    d.advance(1);
    expect(body<Req>(await d.call('GET', `${REQ}/${r.id}`)).status).toBe('Canceled');
    const d2 = direct({ approvalTimeoutHours: 1, approvalTimeoutStatus: 'Failed' });
    const r2 = await pending(d2);
    d2.advance(HOUR);
    expect(body<Req>(await d2.call('GET', `${REQ}/${r2.id}`)).status).toBe('Failed');
  });

  it('approval of a future start → Granted, then active at the start', async () => {
    const d = direct();
    const start = new Date(d.clock.now() + 5 * HOUR).toISOString();
    const r = body<Req>(await d.call('POST', REQ, { body: activation(G.roleAdmins, {}, 'PT1H', start) }));
    d.svc.decideApproval({ approvalId: r.id, approverId: ALEX, decision: 'Approve' });
    expect(body<Req>(await d.call('GET', `${REQ}/${r.id}`)).status).toBe('Granted');
    d.advance(5 * HOUR);
    expect(await activeIn(d, G.roleAdmins)).toHaveLength(1);
  });
});

describe('cancel', () => {
  it('cancels a pending approval (204 → Canceled); only the creator; not twice', async () => {
    const d = direct();
    const r = body<Req>(await d.call('POST', REQ, { body: activation(G.roleAdmins) }));
    const other = await d.call('POST', `${REQ}/${r.id}/cancel`, { token: claims(MEGAN) });
    expect(other.status).toBe(403);
    expect((await d.call('POST', `${REQ}/${r.id}/cancel`)).status).toBe(204);
    expect(body<Req>(await d.call('GET', `${REQ}/${r.id}`)).status).toBe('Canceled');
    const again = await d.call('POST', `${REQ}/${r.id}/cancel`);
    expect([again.status, err(again).code]).toEqual([400, 'InvalidRoleAssignmentRequest']);
    expect((await d.call('POST', `${REQ}/unknown-id/cancel`)).status).toBe(404);
  });

  it('cancels a Granted future activation so it never starts; a Provisioned one cannot be canceled', async () => {
    const d = direct();
    const start = new Date(d.clock.now() + HOUR).toISOString();
    const r = body<Req>(await d.call('POST', REQ, { body: activation(G.sqlAdmins, {}, 'PT1H', start) }));
    expect((await d.call('POST', `${REQ}/${r.id}/cancel`)).status).toBe(204);
    d.advance(HOUR);
    expect(await activeIn(d, G.sqlAdmins)).toHaveLength(0);
    const now = body<Req>(await d.call('POST', REQ, { body: activation(G.helpdesk) }));
    expect((await d.call('POST', `${REQ}/${now.id}/cancel`)).status).toBe(400);
  });
});

describe('snapshot and seeded requests', () => {
  it('the scenario pending request is a real PendingApproval with Alex as approver; snapshot shows state', async () => {
    const d = direct();
    const snap = d.svc.snapshot() as {
      requests: Array<{ groupId: string; status: string; approval: { approvers: string[] } }>;
      assignmentInstances: Array<{ groupId: string }>;
      eligibilityInstances: unknown[];
    };
    expect(snap.requests).toMatchObject([
      { groupId: G.billing, principalId: ADELE, status: 'PendingApproval', approval: { approvers: [ALEX, MEGAN] } },
      { groupId: G.billing, principalId: MEGAN, status: 'PendingApproval', approval: { approvers: [ALEX] } },
    ]);
    expect(snap.assignmentInstances.map((i) => i.groupId).sort()).toEqual(
      [G.vpn, G.aks, G.devops, G.secops, G.roleAdmins].sort(),
    );
    expect(snap.eligibilityInstances).toHaveLength(21);
    d.advance(24 * HOUR);
    expect((d.svc.snapshot() as typeof snap).requests.map((r) => r.status)).toEqual(['Canceled', 'Canceled']);
  });
});
