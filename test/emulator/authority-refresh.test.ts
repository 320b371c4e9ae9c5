import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './server.ts';
import { ALICE, echoGraph, REDIRECT_URI, testScenario } from './test-fixture.ts';
import { type Flow, fragment, newFlow, redeem, signInAs, type TokenResponse, tokenRequest } from './test-oauth.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ scenario: testScenario, createGraph: () => echoGraph() });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

async function codeFor(): Promise<{ flow: Flow; code: string }> {
  const flow = newFlow(emu, { redirectUri: REDIRECT_URI });
  return { flow, code: fragment((await signInAs(emu, flow, ALICE)).headers.location).code ?? '' };
}

async function expectTokenError(res: Awaited<ReturnType<typeof redeem>>, error: string, code: number, text?: string) {
  expect(res.status).toBe(400);
  const body = res.json<{ error: string; error_codes: number[]; error_description: string }>();
  expect(body.error).toBe(error);
  expect(body.error_codes).toEqual([code]);
  if (text) expect(body.error_description).toContain(text);
}

describe('refresh tokens', () => {
  async function firstTokens() {
    const { flow, code } = await codeFor();
    return { flow, t: (await redeem(emu, flow, code)).json<TokenResponse & { refresh_token_expires_in: number }>() };
  }
  const refresh = (flow: Flow, rt: string, extra: Record<string, string> = {}) =>
    tokenRequest(emu, flow, {
      grant_type: 'refresh_token',
      refresh_token: rt,
      scope:
        'https://graph.microsoft.com/PrivilegedEligibilitySchedule.Read.AzureADGroup openid profile offline_access',
      ...extra,
    });

  it('rotate: each refresh returns a new refresh token and a new access token', async () => {
    const { flow, t } = await firstTokens();
    expect(t.refresh_token_expires_in).toBe(86400);
    emu.clock.advance(60_000);
    const r1 = await refresh(flow, t.refresh_token);
    expect(r1.status).toBe(200);
    const t1 = r1.json<TokenResponse>();
    expect(t1.refresh_token).not.toBe(t.refresh_token);
    expect(t1.access_token).not.toBe(t.access_token);
    expect(t1.client_info).toBe(t.client_info);
    const r2 = await refresh(flow, t1.refresh_token);
    expect(r2.json<TokenResponse>().refresh_token).not.toBe(t1.refresh_token);
  });
  it('scopes without consent → invalid_grant AADSTS65001', async () => {
    const { flow, t } = await firstTokens();
    await expectTokenError(
      await refresh(flow, t.refresh_token, { scope: 'https://graph.microsoft.com/Mail.Send' }),
      'invalid_grant',
      65001,
    );
  });
  it('SPA refresh tokens die 24 h after sign-in, rotation does not extend them → AADSTS700084', async () => {
    const { flow, t } = await firstTokens();
    emu.clock.advance(23 * 3600_000);
    const rotated = (await refresh(flow, t.refresh_token)).json<TokenResponse>().refresh_token;
    emu.clock.advance(3600_000);
    await expectTokenError(await refresh(flow, rotated), 'invalid_grant', 700084, 'single page app (SPA)');
  });
  it('an unknown refresh token → invalid_grant', async () => {
    const { flow } = await firstTokens();
    await expectTokenError(await refresh(flow, 'garbage'), 'invalid_grant', 9002313);
  });
});
