import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from './contract.ts';
import { type Emulator, startEmulator } from './server.ts';
import { emuFetch } from './test-client.ts';
import { fragment, newFlow, redeem, signInAs, type TokenResponse } from './test-oauth.ts';

/** The real pieces together: the 'demo' scenario, the real Graph side, and a token from the hand-run code flow. */
let emu: Emulator;
let scenario: Scenario;
beforeAll(async () => {
  emu = await startEmulator({ scenario: 'demo' });
  scenario = emu.state.scenario;
});
afterAll(() => emu.close());

describe('demo scenario end to end', () => {
  it('signs in with PKCE and calls Graph /me and a PIM list with the token', async () => {
    const user = scenario.users[0];
    const redirectUri = scenario.clients[0]?.redirectUris[0];
    if (!user || !redirectUri) throw new Error('demo scenario needs a user and a client');
    const flow = newFlow(emu, {
      redirectUri,
      scope: 'https://graph.microsoft.com/.default openid profile offline_access',
    });
    const code = fragment((await signInAs(emu, flow, user.id)).headers.location).code ?? '';
    const t = (await redeem(emu, flow, code)).json<TokenResponse>();
    const auth = { authorization: `Bearer ${t.access_token}` };
    const me = await emuFetch(emu, 'https://graph.microsoft.com/v1.0/me', { headers: auth });
    expect(me.status).toBe(200);
    expect(me.json<{ id: string }>().id).toBe(user.id);
    const pim = await emuFetch(
      emu,
      "https://graph.microsoft.com/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances/filterByCurrentUser(on='principal')",
      { headers: auth },
    );
    expect(pim.status).toBe(200);
    expect(Array.isArray(pim.json<{ value: unknown[] }>().value)).toBe(true);
  });
  it('the second client has no consent → consent_required', async () => {
    const client = scenario.clients[1];
    const user = scenario.users[0];
    if (!client || !user) return expect.fail('demo scenario changed: expected an unconsented second client');
    const flow = newFlow(
      { port: emu.port, certPem: emu.certPem, tenantId: emu.tenantId, clientId: client.clientId },
      {
        redirectUri: client.redirectUris[0] ?? '',
        scope: 'https://graph.microsoft.com/User.Read openid',
      },
    );
    expect(fragment((await signInAs(emu, flow, user.id)).headers.location).error).toBe('consent_required');
  });
});
