/**
 * Group policies as Microsoft documents them (issue 17): the 17 rules of a group policy in the
 * documented order, `@odata.context` with the `$expand` projection, `GET
 * /policies/roleManagementPolicies/{id}` and `…/{id}/rules`, and `innerError` on every error path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control } from '../test-client.ts';
import { type Https, startHttps } from './https-helpers.ts';
import { activation, B, G } from './test-helpers.ts';

type Obj = Record<string, unknown>;
type ErrorBody = { error: { code: string; message: string; innerError: Obj } };
let h: Https;
beforeAll(async () => {
  h = await startHttps();
});
afterAll(() => h.close());

const V1 = 'https://graph.microsoft.com/v1.0';
const assignments = (groupId: string, role: string, expand = '&$expand=policy($expand=rules)') =>
  `/v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId eq '${groupId}' and scopeType eq 'Group' and roleDefinitionId eq '${role}'${expand}`;

/** Rule ids in the order of GD policyroot-list-rolemanagementpolicyassignments.md, Example 4. */
const DOCUMENTED_RULE_IDS = [
  'Expiration_Admin_Eligibility',
  'Enablement_Admin_Eligibility',
  'Notification_Admin_Admin_Eligibility',
  'Notification_Requestor_Admin_Eligibility',
  'Notification_Approver_Admin_Eligibility',
  'Expiration_Admin_Assignment',
  'Enablement_Admin_Assignment',
  'Notification_Admin_Admin_Assignment',
  'Notification_Requestor_Admin_Assignment',
  'Notification_Approver_Admin_Assignment',
  'Expiration_EndUser_Assignment',
  'Enablement_EndUser_Assignment',
  'Approval_EndUser_Assignment',
  'AuthenticationContext_EndUser_Assignment',
  'Notification_Admin_EndUser_Assignment',
  'Notification_Requestor_EndUser_Assignment',
  'Notification_Approver_EndUser_Assignment',
];

async function policyOf(groupId: string, role: string): Promise<Obj> {
  const res = await h.call('GET', assignments(groupId, role));
  expect(res.status).toBe(200);
  const body = res.json<{ '@odata.context': string; value: Obj[] }>();
  expect(body['@odata.context']).toBe(`${V1}/$metadata#policies/roleManagementPolicyAssignments(policy(rules()))`);
  return body.value[0]?.policy as Obj;
}

describe('a group policy', () => {
  it('has the 17 documented rules in the documented order, each with its @odata.type', async () => {
    const rules = (await policyOf(G.devops, 'owner')).rules as Obj[];
    expect(rules.map((r) => r.id)).toEqual(DOCUMENTED_RULE_IDS);
    for (const r of rules) {
      const kind = String(r.id).split('_')[0];
      const type = kind === 'AuthenticationContext' ? 'AuthenticationContext' : kind;
      expect(r['@odata.type']).toBe(`#microsoft.graph.unifiedRoleManagementPolicy${type}Rule`);
    }
    expect(rules.find((r) => r.id === 'Notification_Requestor_EndUser_Assignment')).toEqual({
      '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyNotificationRule',
      id: 'Notification_Requestor_EndUser_Assignment',
      notificationType: 'Email',
      recipientType: 'Requestor',
      notificationLevel: 'All',
      isDefaultRecipientsEnabled: true,
      notificationRecipients: [],
      target: {
        caller: 'EndUser',
        operations: ['All'],
        level: 'Assignment',
        inheritableSettings: [],
        enforcedSettings: [],
      },
    });
  });
});

describe('GET /policies/roleManagementPolicies/{id}', () => {
  it('returns the policy, with its rules when expanded, and the same rules under /rules', async () => {
    const listed = await policyOf(G.keyVault, 'member');
    const id = String(listed.id);
    const bare = await h.call('GET', `/v1.0/policies/roleManagementPolicies/${id}`);
    expect(bare.status).toBe(200);
    const { rules: _, ...withoutRules } = listed;
    expect(bare.json<Obj>()).toEqual({
      '@odata.context': `${V1}/$metadata#policies/roleManagementPolicies/$entity`,
      ...withoutRules,
    });
    const expanded = (await h.call('GET', `/v1.0/policies/roleManagementPolicies/${id}?$expand=rules`)).json<Obj>();
    expect(expanded['@odata.context']).toBe(`${V1}/$metadata#policies/roleManagementPolicies(rules())/$entity`);
    expect(expanded.rules).toEqual(listed.rules);

    const rules = (await h.call('GET', `/v1.0/policies/roleManagementPolicies/${id}/rules`)).json<{
      '@odata.context': string;
      value: Obj[];
    }>();
    expect(rules['@odata.context']).toBe(`${V1}/$metadata#policies/roleManagementPolicies('${id}')/rules`);
    expect(rules.value).toEqual(listed.rules);

    const one = await h.call(
      'GET',
      `/v1.0/policies/roleManagementPolicies/${id}/rules/AuthenticationContext_EndUser_Assignment`,
    );
    expect(one.json<Obj>()).toMatchObject({
      '@odata.context': `${V1}/$metadata#policies/roleManagementPolicies('${id}')/rules/$entity`,
      '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyAuthenticationContextRule',
      isEnabled: true,
      claimValue: 'c1',
    });
  });

  it('unknown policy or rule → 404 ResourceNotFound; it needs RoleManagementPolicy.Read.AzureADGroup', async () => {
    const id = String((await policyOf(G.devops, 'member')).id);
    const unknown = await h.call('GET', '/v1.0/policies/roleManagementPolicies/Group_nope');
    expect([unknown.status, unknown.json<ErrorBody>().error.code]).toEqual([404, 'ResourceNotFound']);
    const rule = await h.call('GET', `/v1.0/policies/roleManagementPolicies/${id}/rules/Nope`);
    expect([rule.status, rule.json<ErrorBody>().error.code]).toEqual([404, 'ResourceNotFound']);
    const token = await h.token({ scopes: ['User.Read'] });
    const denied = await h.call('GET', `/v1.0/policies/roleManagementPolicies/${id}`, { token });
    expect(denied.json<ErrorBody>().error).toMatchObject({
      code: 'PermissionScopeNotGranted',
      message: 'Authorization failed due to missing permission scope RoleManagementPolicy.Read.AzureADGroup.',
    });
  });
});

describe('innerError on every error path', () => {
  const expectInner = (body: ErrorBody, clientRequestId: string) =>
    expect(body.error.innerError).toEqual({
      // Graph's own format: to the second, without a zone designator.
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      'request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
      'client-request-id': clientRequestId,
    });
  const headers = { 'client-request-id': '11111111-2222-4333-8444-555555555555' };

  it.each([
    [
      '400 query option',
      'GET',
      `/v1.0${B}/eligibilityScheduleInstances/filterByCurrentUser(on='principal')?$count=true`,
      400,
    ],
    ['400 segment', 'GET', `/v1.0${B}/nothingHere`, 400],
    ['400 PIM rule', 'POST', `/v1.0${B}/assignmentScheduleRequests`, 400],
    ['404', 'GET', `/v1.0${B}/assignmentScheduleRequests/nope`, 404],
    ['405', 'DELETE', `/v1.0${B}/eligibilityScheduleInstances`, 405],
  ])('%s', async (_, method, path, status) => {
    const body = method === 'POST' ? activation(G.sqlAdmins, {}, 'PT99H') : undefined;
    const res = await h.call(method, path, { headers, body });
    expect(res.status).toBe(status);
    expectInner(res.json<ErrorBody>(), headers['client-request-id']);
  });

  it('401 without a valid token, an injected 429, and a failed $batch item', async () => {
    const unauth = await h.call('GET', '/v1.0/me', { token: 'not-a-token', headers });
    expect(unauth.status).toBe(401);
    expectInner(unauth.json<ErrorBody>(), headers['client-request-id']);

    await control(h.emu, '/faults', { type: '429', count: 1, retryAfterSeconds: 1, match: { area: 'graph' } });
    const throttled = await h.call('GET', '/v1.0/me', { headers });
    expect(throttled.status).toBe(429);
    expectInner(throttled.json<ErrorBody>(), headers['client-request-id']);

    const batch = await h.call('POST', '/v1.0/$batch', {
      headers,
      body: {
        requests: [{ id: '1', method: 'GET', url: `${B}/nothingHere`, headers: { 'client-request-id': 'item-1' } }],
      },
    });
    const item = batch.json<{ responses: Array<{ status: number; body: ErrorBody }> }>().responses[0];
    expect(item?.status).toBe(400);
    expect(item?.body.error.innerError).toMatchObject({ 'request-id': expect.any(String), date: expect.any(String) });
  });
});
