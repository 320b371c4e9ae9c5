/** Every error path of POST assignmentScheduleRequests, in the order the service validates them. */
import { describe, expect, it } from 'vitest';
import { ADELE, activation, B, claims, deactivation, direct, err, G, MEGAN } from './test-helpers.ts';

const REQ = `${B}/assignmentScheduleRequests`;

async function post(body: unknown, token = claims(ADELE, { mfa: true }), options = {}) {
  const d = direct(options);
  const res = await d.call('POST', REQ, { body, token });
  return {
    status: res.status,
    ...(res.status >= 400 ? err(res) : { code: '', message: '' }),
    headers: res.headers ?? {},
  };
}

describe('body shape', () => {
  it.each([
    ['no body', undefined, 'Empty Payload. JSON content expected.'],
    ['no groupId', { ...activation(G.sqlAdmins), groupId: undefined }, "The property 'groupId' is required."],
    ['no accessId', { ...activation(G.sqlAdmins), accessId: undefined }, "The property 'accessId' is required."],
    [
      'bad accessId',
      activation(G.sqlAdmins, { accessId: 'admin' }),
      "Cannot convert the literal 'admin' to the expected type 'microsoft.graph.privilegedAccessGroupRelationships'.",
    ],
    [
      'bad action',
      activation(G.sqlAdmins, { action: 'activate' }),
      "Cannot convert the literal 'activate' to the expected type 'microsoft.graph.scheduleRequestActions'.",
    ],
    [
      'bad expiration type',
      activation(G.sqlAdmins, { scheduleInfo: { expiration: { type: 'forever' } } }),
      "Cannot convert the literal 'forever' to the expected type 'microsoft.graph.expirationPatternType'.",
    ],
    [
      'bad duration',
      activation(G.sqlAdmins, { scheduleInfo: { expiration: { type: 'afterDuration', duration: '2 hours' } } }),
      "Cannot convert the literal '2 hours' to the expected type 'Edm.Duration'.",
    ],
  ])('%s → 400 BadRequest', async (_name, body, message) => {
    expect(await post(body)).toMatchObject({ status: 400, code: 'BadRequest', message });
  });

  it('accepts PascalCase enums as in the doc examples', async () => {
    const body = activation(G.sqlAdmins, {
      action: 'SelfActivate',
      scheduleInfo: { expiration: { type: 'AfterDuration', duration: 'PT1H' } },
    });
    expect((await post(body)).status).toBe(201);
  });

  it('selfActivate without scheduleInfo, or with recurrence → InvalidRoleAssignmentRequest', async () => {
    expect(await post(activation(G.sqlAdmins, { scheduleInfo: undefined }))).toMatchObject({
      status: 400,
      code: 'InvalidRoleAssignmentRequest',
    });
    const rec = activation(G.sqlAdmins, {
      scheduleInfo: { recurrence: { pattern: {} }, expiration: { type: 'afterDuration', duration: 'PT1H' } },
    });
    expect(await post(rec)).toMatchObject({ status: 400, code: 'InvalidRoleAssignmentRequest' });
  });
});

describe('who and what', () => {
  it('principalId other than the caller → 403', async () => {
    expect(await post(activation(G.sqlAdmins, { principalId: MEGAN }))).toMatchObject({
      status: 403,
      code: 'AuthorizationFailed',
    });
  });
  it('admin actions → 403; selfExtend and selfRenew are rejected clearly', async () => {
    expect((await post(activation(G.sqlAdmins, { action: 'adminAssign' }))).status).toBe(403);
    for (const action of ['selfExtend', 'selfRenew']) {
      const r = await post(activation(G.sqlAdmins, { action }));
      expect(r).toMatchObject({ status: 400, code: 'InvalidRoleAssignmentRequest' });
      expect(r.message).toContain(action);
    }
  });
  it('unknown group → 400 InvalidRoleAssignmentRequest', async () => {
    expect(await post(activation('00000000-0000-4000-8000-000000000000'))).toMatchObject({
      status: 400,
      code: 'InvalidRoleAssignmentRequest',
    });
  });
  it('not eligible (e.g. owner where only member is eligible) → RoleAssignmentDoesNotExist', async () => {
    expect(await post(activation(G.sqlAdmins, { accessId: 'owner' }))).toMatchObject({
      status: 400,
      code: 'RoleAssignmentDoesNotExist',
      message: 'The Role assignment does not exist.',
    });
    expect((await post(activation(G.secops))).code).toBe('RoleAssignmentDoesNotExist');
  });
  it('already active (assigned or activated) → RoleAssignmentExists', async () => {
    for (const g of [G.vpn, G.aks]) {
      expect(await post(activation(g))).toMatchObject({
        status: 400,
        code: 'RoleAssignmentExists',
        message: 'The Role assignment already exists.',
      });
    }
  });
  it('pending request for the same group → PendingRoleAssignmentRequest', async () => {
    expect(await post(activation(G.billing))).toMatchObject({ status: 400, code: 'PendingRoleAssignmentRequest' });
  });
});

describe('policy rules', () => {
  const failed = (rules: string[]) => ({
    status: 400,
    code: 'RoleAssignmentRequestPolicyValidationFailed',
    message: `The following policy rules failed: [${rules.map((r) => `"${r}"`).join(',')}]`,
  });
  it('ExpirationRule: longer than maximumDuration, noExpiration, or no expiration', async () => {
    expect(await post(activation(G.support, {}, 'PT2H'))).toMatchObject(failed(['ExpirationRule']));
    expect((await post(activation(G.dataPlatform, {}, 'PT24H'))).status).toBe(201);
    const none = activation(G.sqlAdmins, { scheduleInfo: { expiration: { type: 'noExpiration' } } });
    expect(await post(none)).toMatchObject(failed(['ExpirationRule']));
    expect(await post(activation(G.sqlAdmins, { scheduleInfo: {} }))).toMatchObject(failed(['ExpirationRule']));
    const start = '2026-03-02T09:00:00Z';
    const tooLate = activation(G.support, {
      scheduleInfo: {
        startDateTime: start,
        expiration: { type: 'afterDateTime', endDateTime: '2026-03-02T10:30:00Z' },
      },
    });
    expect(await post(tooLate)).toMatchObject(failed(['ExpirationRule']));
  });
  it('JustificationRule and TicketingRule, listed together', async () => {
    expect(await post(activation(G.helpdesk, { justification: '  ' }))).toMatchObject(failed(['JustificationRule']));
    const neither = activation(G.webDeploy, { justification: undefined, ticketInfo: { ticketNumber: 'CHG-1' } });
    expect(await post(neither)).toMatchObject(failed(['JustificationRule', 'TicketingRule']));
    expect(await post(activation(G.webDeploy, {}, 'PT5H'))).toMatchObject(failed(['ExpirationRule']));
  });
  it('MfaRule when amr lacks mfa; every failing rule in one message', async () => {
    expect(await post(activation(G.finance), claims(ADELE))).toMatchObject(failed(['MfaRule']));
    expect((await post(activation(G.finance), claims(ADELE, { mfa: true }))).status).toBe(201);
    const all = activation(G.finance, { justification: null }, 'PT12H');
    expect(await post(all, claims(ADELE))).toMatchObject(failed(['ExpirationRule', 'JustificationRule', 'MfaRule']));
  });
  it('authentication context: AcrsValidationFailed with the claims in the message; MFA is implied', async () => {
    const r = await post(activation(G.keyVault), claims(ADELE));
    expect(r).toMatchObject({ status: 400, code: 'RoleAssignmentRequestAcrsValidationFailed' });
    const encoded = encodeURIComponent('{"access_token":{"acrs":{"essential":true,"value":"c1"}}}');
    expect(r.message).toContain(`&claims=${encoded}`);
    expect(r.headers['www-authenticate']).toBeUndefined();
    expect((await post(activation(G.keyVault), claims(ADELE, { acrs: ['c1'] }))).status).toBe(201);
    // Policy rules are reported before the auth context.
    expect((await post(activation(G.keyVault, { justification: '' }), claims(ADELE))).code).toBe(
      'RoleAssignmentRequestPolicyValidationFailed',
    );
  });
  it('acrsChallengeHeader option adds WWW-Authenticate insufficient_claims', async () => {
    const r = await post(activation(G.keyVault), claims(ADELE), { acrsChallengeHeader: true });
    const header = r.headers['www-authenticate'] ?? '';
    expect(header).toContain('error="insufficient_claims"');
    const b64 = /claims="([^"]+)"/.exec(header)?.[1] ?? '';
    expect(JSON.parse(Buffer.from(b64, 'base64').toString())).toEqual({
      access_token: { acrs: { essential: true, value: 'c1' } },
    });
  });
  it('a group that is not onboarded gets the default policy (PT8H, justification)', async () => {
    expect(await post(activation(G.legacy, { justification: '' }))).toMatchObject(failed(['JustificationRule']));
    expect((await post(activation(G.legacy, {}, 'PT8H'))).status).toBe(201);
  });
});

describe('selfDeactivate errors', () => {
  it('deactivating a group the caller never activated → RoleAssignmentDoesNotExist', async () => {
    expect(await post(deactivation(G.helpdesk))).toMatchObject({ status: 400, code: 'RoleAssignmentDoesNotExist' });
  });
  it('minActiveMinutes is configurable', async () => {
    const d = direct({ minActiveMinutes: 0 });
    await d.call('POST', REQ, { body: activation(G.sqlAdmins) });
    expect((await d.call('POST', REQ, { body: deactivation(G.sqlAdmins) })).status).toBe(201);
  });
});
