/**
 * The approver side (approvalstage-update.md, groups-approval-workflow.md): approvers read from the
 * policy (singleUser and groupMembers), the PATCH checks in order, first decision wins, the 24-hour
 * timeout, and the policy's `isApproverJustificationRequired`.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../contract.ts';
import { loadScenario } from '../scenarios/index.ts';
import {
  ADELE,
  ALEX,
  activation,
  B,
  body,
  claims,
  direct,
  err,
  G,
  HOUR,
  type List,
  MEGAN,
  REQ,
  type Req,
} from './test-helpers.ts';

const APPROVALS = `${B}/assignmentApprovals`;
const MINE = `${APPROVALS}/filterByCurrentUser(on='approver')`;
type Stage = { id: string; assignedToMe: boolean; status: string; reviewResult: string; justification: string | null };

/** The demo, with the billing policy's approvers replaced (Alex and Megan, or a group's members). */
function scenarioWith(policy: Partial<Scenario['policies'][number]>): Scenario {
  const s = structuredClone(loadScenario('demo'));
  s.requests = [];
  const billing = s.policies.find((p) => p.groupId === G.billing && p.accessId === 'member');
  if (!billing) throw new Error('demo lacks the billing policy');
  Object.assign(billing, policy);
  return s;
}

async function request(d: ReturnType<typeof direct>): Promise<string> {
  const r = body<Req>(await d.call('POST', REQ, { body: activation(G.billing, {}, 'PT2H') }));
  expect(r.status).toBe('PendingApproval');
  return r.id;
}

async function stageOf(d: ReturnType<typeof direct>, id: string, oid: string): Promise<Stage> {
  const res = await d.call('GET', `${APPROVALS}/${id}`, { token: claims(oid) });
  const [stage] = body<{ stages: Stage[] }>(res).stages;
  if (!stage) throw new Error('no stage');
  return stage;
}

const patch = (d: ReturnType<typeof direct>, id: string, stageId: string, oid: string, b: unknown) =>
  d.call('PATCH', `${APPROVALS}/${id}/stages/${stageId}`, { token: claims(oid), body: b });

describe('approvers come from the policy', () => {
  it('singleUser approvers: both see it; the first decision wins, the second gets 409', async () => {
    const d = direct(undefined, scenarioWith({ approvers: [ALEX, MEGAN] }));
    const id = await request(d);
    for (const oid of [ALEX, MEGAN]) {
      expect(body<List>(await d.call('GET', MINE, { token: claims(oid) })).value.map((a) => a.id)).toEqual([id]);
    }
    const stage = await stageOf(d, id, MEGAN);
    expect((await patch(d, id, stage.id, MEGAN, { reviewResult: 'Approve', justification: 'On call' })).status).toBe(
      204,
    );
    const late = await patch(d, id, stage.id, ALEX, { reviewResult: 'Deny', justification: 'No' });
    expect([late.status, err(late).code]).toEqual([409, 'Conflict']);
    expect(await stageOf(d, id, ALEX)).toMatchObject({
      assignedToMe: false,
      status: 'Completed',
      reviewResult: 'Approved',
      justification: 'On call',
    });
    expect(body<Req>(await d.call('GET', `${REQ}/${id}`)).status).toBe('Provisioned');
    expect(body<List>(await d.call('GET', MINE, { token: claims(ALEX) })).value).toEqual([]);
  });

  it('groupMembers approvers: the group’s members approve; leaving the group takes it away (403)', async () => {
    // Alex's membership of the approver group is an activation that ends in two hours.
    const s = scenarioWith({ approvers: [], approverGroups: [G.support] });
    s.assignments.push({
      principalId: ALEX,
      groupId: G.support,
      accessId: 'member',
      assignmentType: 'activated',
      startDateTime: '-PT1H',
      endDateTime: '+PT2H',
    });
    const d = direct(undefined, s);
    const policy = body<List>(
      await d.call('GET', '/policies/roleManagementPolicyAssignments', {
        query: `$filter=scopeId eq '${G.billing}' and scopeType eq 'Group' and roleDefinitionId eq 'member'&$expand=policy($expand=rules)`,
      }),
    ).value[0] as { policy: { rules: Array<{ id: string; setting?: { approvalStages: unknown[] } }> } };
    const rule = policy.policy.rules.find((r) => r.id === 'Approval_EndUser_Assignment');
    expect(rule?.setting?.approvalStages).toMatchObject([
      { primaryApprovers: [{ '@odata.type': '#microsoft.graph.groupMembers', groupId: G.support }] },
    ]);
    const id = await request(d);
    const stage = await stageOf(d, id, ALEX);
    expect(stage.assignedToMe).toBe(true);
    d.advance(2 * HOUR); // Alex's membership of the approver group ends
    expect(body<List>(await d.call('GET', MINE, { token: claims(ALEX) })).value).toEqual([]);
    const res = await patch(d, id, stage.id, ALEX, { reviewResult: 'Approve', justification: 'ok' });
    expect([res.status, err(res).code]).toEqual([403, 'AuthorizationFailed']);
  });

  it('the requester is never their own approver, even as a member of the approver group', async () => {
    const d = direct(undefined, scenarioWith({ approvers: [ADELE, ALEX] }));
    const id = await request(d);
    expect(body<List>(await d.call('GET', MINE, { token: claims(ADELE) })).value).toEqual([]);
    const stage = await stageOf(d, id, ADELE);
    const res = await patch(d, id, stage.id, ADELE, { reviewResult: 'Approve', justification: 'me' });
    expect(res.status).toBe(403);
  });
});

describe('PATCH …/stages/{id}', () => {
  it('checks in order: 404 stage, 400 reviewResult, 403, then 400 for a missing justification', async () => {
    const d = direct(undefined, scenarioWith({ approvers: [ALEX] }));
    const id = await request(d);
    const stage = await stageOf(d, id, ALEX);
    expect((await patch(d, id, 'nope', ALEX, { reviewResult: 'Approve' })).status).toBe(404);
    expect((await patch(d, 'nope', stage.id, ALEX, { reviewResult: 'Approve' })).status).toBe(404);
    expect((await patch(d, id, stage.id, ALEX, { reviewResult: 'Approved' })).status).toBe(400);
    expect((await patch(d, id, stage.id, MEGAN, { reviewResult: 'Approve' })).status).toBe(403);
    const blank = await patch(d, id, stage.id, ALEX, { reviewResult: 'Deny', justification: '  ' });
    expect([blank.status, err(blank).code]).toEqual([400, 'BadRequest']);
    expect((await patch(d, id, stage.id, ALEX, { reviewResult: 'Deny', justification: 'Not today' })).status).toBe(204);
    expect(body<Req>(await d.call('GET', `${REQ}/${id}`)).status).toBe('Denied');
  });

  it('no justification needed when the policy says isApproverJustificationRequired: false', async () => {
    const d = direct(undefined, scenarioWith({ approvers: [ALEX], approverJustificationRequired: false }));
    const id = await request(d);
    const stage = await stageOf(d, id, ALEX);
    expect((await patch(d, id, stage.id, ALEX, { reviewResult: 'Approve' })).status).toBe(204);
    expect(await stageOf(d, id, ALEX)).toMatchObject({ reviewResult: 'Approved', justification: null });
  });

  it('after 24 hours the stage is Completed, NotReviewed, and a decision gets 409', async () => {
    const d = direct(undefined, scenarioWith({ approvers: [ALEX] }));
    const id = await request(d);
    const stage = await stageOf(d, id, ALEX);
    d.advance(24 * HOUR);
    expect(await stageOf(d, id, ALEX)).toMatchObject({
      assignedToMe: false,
      status: 'Completed',
      reviewResult: 'NotReviewed',
    });
    const res = await patch(d, id, stage.id, ALEX, { reviewResult: 'Approve', justification: 'late' });
    expect([res.status, err(res).code]).toEqual([409, 'Conflict']);
    expect(body<Req>(await d.call('GET', `${REQ}/${id}`)).status).toBe('Canceled');
  });
});
