/** /me, /users, /groups, policies, scopes (403) and the error envelope, over HTTPS. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Https, startHttps } from './https-helpers.ts';
import { ADELE, ALEX, activation, B, G } from './test-helpers.ts';

type Obj = Record<string, unknown>;
type ErrorBody = { error: { code: string; message: string; innerError: Record<string, string> } };
let h: Https;
beforeAll(async () => {
  h = await startHttps();
});
afterAll(() => h.close());

describe('directory', () => {
  it('/me and /users/{id} with $select', async () => {
    const me = (await h.call('GET', '/v1.0/me')).json<Obj>();
    expect(me).toMatchObject({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity',
      id: ADELE,
      displayName: 'Adele Vance',
    });
    const sel = (await h.call('GET', '/v1.0/me?$select=displayName')).json<Obj>();
    expect(sel['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#users(displayName)/$entity');
    expect(Object.keys(sel).sort()).toEqual(['@odata.context', 'displayName']);
    const token = await h.token({ scopes: ['User.ReadBasic.All'] });
    expect((await h.call('GET', `/v1.0/users/${ALEX}`, { token })).json<Obj>().displayName).toBe('Alex Wilber');
    const missing = await h.call('GET', '/v1.0/users/00000000-0000-4000-8000-000000000000', { token });
    expect([missing.status, missing.json<ErrorBody>().error.code]).toEqual([404, 'Request_ResourceNotFound']);
  });

  it('/groups/{id}?$select=id,displayName needs GroupMember.Read.All or Group.Read.All', async () => {
    const token = await h.token({ scopes: ['GroupMember.Read.All'] });
    const g = (await h.call('GET', `/v1.0/groups/${G.finance}?$select=id,displayName`, { token })).json<Obj>();
    expect(g).toEqual({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#groups(id,displayName)/$entity',
      id: G.finance,
      displayName: 'Azure Subscription Owners – Finance',
    });
    expect((await h.call('GET', `/v1.0/groups/${G.finance}`)).status).toBe(403);
  });
});

describe('roleManagementPolicyAssignments', () => {
  const url = (filter: string, expand = '&$expand=policy($expand=rules)') =>
    `/v1.0/policies/roleManagementPolicyAssignments?$filter=${filter}${expand}`;

  it('one (group, role) with rules; ids Group_{g}_{guid}_{role}', async () => {
    const res = await h.call(
      'GET',
      url(`scopeId eq '${G.keyVault}' and scopeType eq 'Group' and roleDefinitionId eq 'member'`),
    );
    const [a] = res.json<{ value: Obj[] }>().value;
    expect(a?.id).toMatch(new RegExp(`^Group_${G.keyVault}_[0-9a-f-]{36}_member$`));
    expect(a).toMatchObject({
      policyId: String(a?.id).replace(/_member$/, ''),
      scopeId: G.keyVault,
      scopeType: 'Group',
      roleDefinitionId: 'member',
    });
    const rules = (a?.policy as { rules: Obj[] } | undefined)?.rules ?? [];
    const byId = Object.fromEntries(rules.map((r) => [r.id, r]));
    expect(byId.Expiration_EndUser_Assignment).toMatchObject({
      '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule',
      isExpirationRequired: true,
      maximumDuration: 'PT4H',
      target: { caller: 'EndUser', level: 'Assignment', operations: ['All'] },
    });
    expect(byId.Enablement_EndUser_Assignment).toMatchObject({
      enabledRules: ['Justification', 'MultiFactorAuthentication'],
    });
    expect(byId.AuthenticationContext_EndUser_Assignment).toMatchObject({ isEnabled: true, claimValue: 'c1' });
    expect(byId.Approval_EndUser_Assignment).toMatchObject({
      setting: { isApprovalRequired: false, approvalMode: 'SingleStage' },
    });
  });

  it('without roleDefinitionId both member and owner come back, each with its own policy', async () => {
    const list = (await h.call('GET', url(`scopeId eq '${G.devops}' and scopeType eq 'Group'`))).json<{
      value: Obj[];
    }>().value;
    expect(list.map((a) => a.roleDefinitionId)).toEqual(['member', 'owner']);
    expect(list[0]?.policyId).not.toBe(list[1]?.policyId);
    const approval = ((list[1]?.policy as { rules: Obj[] } | undefined)?.rules ?? []).find(
      (r) => r.id === 'Approval_EndUser_Assignment',
    );
    expect(approval).toMatchObject({
      setting: {
        isApprovalRequired: true,
        approvalStages: [{ primaryApprovers: [{ '@odata.type': '#microsoft.graph.singleUser', userId: ALEX }] }],
      },
    });
    const bare = (await h.call('GET', url(`scopeId eq '${G.devops}' and scopeType eq 'Group'`, ''))).json<{
      value: Obj[];
    }>().value;
    expect(bare[0]).not.toHaveProperty('policy');
  });

  it('scopeId and scopeType are required', async () => {
    for (const f of [`scopeId eq '${G.devops}'`, "scopeType eq 'Group'"])
      expect((await h.call('GET', url(f))).status).toBe(400);
    expect((await h.call('GET', '/v1.0/policies/roleManagementPolicyAssignments')).status).toBe(400);
  });
});

describe('scopes and the error envelope', () => {
  it.each([
    [
      'GET',
      `${B}/eligibilityScheduleInstances/filterByCurrentUser(on='principal')`,
      'PrivilegedEligibilitySchedule.Read.AzureADGroup',
    ],
    [
      'GET',
      `${B}/eligibilitySchedules/filterByCurrentUser(on='principal')`,
      'PrivilegedEligibilitySchedule.Read.AzureADGroup',
    ],
    [
      'GET',
      `${B}/assignmentScheduleInstances/filterByCurrentUser(on='principal')`,
      'PrivilegedAssignmentSchedule.Read.AzureADGroup',
    ],
    [
      'GET',
      `${B}/assignmentScheduleRequests/filterByCurrentUser(on='principal')`,
      'PrivilegedAssignmentSchedule.Read.AzureADGroup',
    ],
    [
      'GET',
      `${B}/assignmentApprovals/filterByCurrentUser(on='approver')`,
      'PrivilegedAssignmentSchedule.Read.AzureADGroup',
    ],
    ['POST', `${B}/assignmentScheduleRequests`, 'PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup'],
    [
      'GET',
      `/policies/roleManagementPolicyAssignments?$filter=scopeId eq '${G.devops}' and scopeType eq 'Group'`,
      'RoleManagementPolicy.Read.AzureADGroup',
    ],
    ['GET', '/me', 'User.Read'],
    ['GET', `/groups/${G.devops}`, 'GroupMember.Read.All'],
  ])('%s %s without scope → 403 PermissionScopeNotGranted (%s)', async (method, path, scope) => {
    const token = await h.token({ scopes: ['Calendars.Read'] });
    const body = method === 'POST' ? activation(G.sqlAdmins) : undefined;
    const res = await h.call(method, `/v1.0${path}`, { token, body, headers: { 'client-request-id': 'abc-123' } });
    expect(res.status).toBe(403);
    const e = res.json<ErrorBody>().error;
    expect(e).toMatchObject({
      code: 'PermissionScopeNotGranted',
      message: `Authorization failed due to missing permission scope ${scope}.`,
    });
    expect(e.innerError).toMatchObject({
      'client-request-id': 'abc-123',
      'request-id': expect.any(String),
      date: expect.any(String),
    });
  });

  it('the higher-privileged alternative is accepted (ReadWrite for Read)', async () => {
    const token = await h.token({ scopes: ['PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup'] });
    expect(
      (await h.call('GET', `/v1.0${B}/eligibilityScheduleInstances/filterByCurrentUser(on='principal')`, { token }))
        .status,
    ).toBe(200);
    const read = await h.token({ scopes: ['PrivilegedAssignmentSchedule.Read.AzureADGroup'] });
    const post = await h.call('POST', `/v1.0${B}/assignmentScheduleRequests`, {
      token: read,
      body: activation(G.sqlAdmins),
    });
    expect(post.json<ErrorBody>().error.message).toContain('PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup');
  });

  it('unknown segments → 400 Resource not found for the segment', async () => {
    const res = await h.call('GET', `/v1.0${B}/nothingHere`);
    expect([res.status, res.json<ErrorBody>().error.message]).toEqual([
      400,
      "Resource not found for the segment 'nothingHere'.",
    ]);
  });
});
