/** selfDeactivate transitions: revoke, too short, permanent, last-owner retries (clock moved, no sleeps). */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenarios/index.ts';
import {
  ADELE,
  ALEX,
  activation,
  activeIn,
  body,
  claims,
  DAY,
  deactivation,
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

describe('selfDeactivate', () => {
  it('revokes an activation after 5 minutes: 201 Revoked, instance gone at once', async () => {
    const d = direct();
    await d.call('POST', REQ, { body: activation(G.sqlAdmins) });
    d.advance(4 * MIN);
    const early = await d.call('POST', REQ, { body: deactivation(G.sqlAdmins) });
    expect([early.status, err(early).code, err(early).message]).toEqual([
      400,
      'ActiveDurationTooShort',
      'The Active duration is too short. Miniumum Required is 5 minutes.',
    ]);
    d.advance(MIN);
    const res = await d.call('POST', REQ, { body: deactivation(G.sqlAdmins) });
    expect([res.status, body<Req>(res).status]).toEqual([201, 'Revoked']);
    expect(await activeIn(d, G.sqlAdmins)).toHaveLength(0);
  });

  it('nothing active → RoleAssignmentDoesNotExist; permanent → InvalidRoleAssignmentRequest', async () => {
    const d = direct();
    const none = await d.call('POST', REQ, { body: deactivation(G.sqlAdmins) });
    expect(err(none)).toEqual({ code: 'RoleAssignmentDoesNotExist', message: 'The Role assignment does not exist.' });
    const perm = await d.call('POST', REQ, { body: deactivation(G.vpn) });
    expect([perm.status, err(perm).code]).toEqual([400, 'InvalidRoleAssignmentRequest']);
  });

  const withMeganEligibleOwner = () => {
    const s = loadScenario('demo');
    s.eligibilities.push({ principalId: MEGAN, groupId: G.marketing, accessId: 'owner' });
    return s;
  };
  const mfa = (oid: string) => claims(oid, { mfa: true });
  const reqOf = async (d: ReturnType<typeof direct>, id: string) =>
    body<Req>(await d.call('GET', `${REQ}/${id}`)).status;

  it('last owner: PendingProvisioning, stays active, retried until another owner is active → Revoked', async () => {
    const d = direct({}, withMeganEligibleOwner());
    await d.call('POST', REQ, { body: activation(G.marketing, { accessId: 'owner' }, 'PT2H'), token: mfa(ADELE) });
    d.advance(10 * MIN);
    const r = body<Req>(await d.call('POST', REQ, { body: deactivation(G.marketing, 'owner') }));
    expect(r.status).toBe('PendingProvisioning');
    d.advance(HOUR);
    expect(await activeIn(d, G.marketing)).toHaveLength(1);
    expect(await reqOf(d, r.id)).toBe('PendingProvisioning');
    const again = await d.call('POST', REQ, { body: deactivation(G.marketing, 'owner') });
    expect(err(again).code).toBe('PendingRoleAssignmentRequest');
    const m = { ...activation(G.marketing, { accessId: 'owner', principalId: MEGAN }, 'PT2H') };
    expect((await d.call('POST', REQ, { body: m, token: mfa(MEGAN) })).status).toBe(201);
    d.advance(1);
    expect(await activeIn(d, G.marketing)).toHaveLength(0);
    expect(await reqOf(d, r.id)).toBe('Revoked');
  });

  it('last owner: after 30 days of retries the request Fails and the owner stays active', async () => {
    const d = direct({ lastOwnerRetryDays: 30 });
    await d.call('POST', REQ, { body: activation(G.marketing, { accessId: 'owner' }, 'PT2H'), token: mfa(ADELE) });
    d.advance(10 * MIN);
    const r = body<Req>(await d.call('POST', REQ, { body: deactivation(G.marketing, 'owner') }));
    d.advance(30 * DAY - 1);
    expect(await reqOf(d, r.id)).toBe('PendingProvisioning');
    d.advance(1);
    expect(await reqOf(d, r.id)).toBe('Failed');
    expect(await activeIn(d, G.marketing)).toHaveLength(1);
  });

  it('an owner with a co-owner is revoked at once; expiry of the last owner is held too', async () => {
    const d = direct();
    await d.call('POST', REQ, { body: activation(G.devops, { accessId: 'owner' }) });
    // devops owner needs approval from Alex; Megan is a permanent co-owner.
    const [pendingOwner] = body<List>(
      await d.call('GET', MY_REQS, { query: `$filter=groupId eq '${G.devops}'` }),
    ).value;
    d.svc.decideApproval({ approvalId: String(pendingOwner?.id), approverId: ALEX, decision: 'Approve' });
    d.advance(6 * MIN);
    const res = await d.call('POST', REQ, { body: deactivation(G.devops, 'owner') });
    expect(body<Req>(res).status).toBe('Revoked');
    await d.call('POST', REQ, { body: activation(G.marketing, { accessId: 'owner' }, 'PT1H'), token: mfa(ADELE) });
    d.advance(2 * HOUR);
    expect(await activeIn(d, G.marketing)).toHaveLength(1);
  });
});
