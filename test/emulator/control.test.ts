import { request } from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogEntry } from './request-log.ts';
import { type Emulator, startEmulator } from './server.ts';
import { control, emuFetch, mintToken } from './test-client.ts';
import { ALICE, echoGraph, REDIRECT_URI, testScenario } from './test-fixture.ts';
import { newFlow, signInAs } from './test-oauth.ts';

let emu: Emulator;
let graph: ReturnType<typeof echoGraph>;
let token: string;
beforeAll(async () => {
  emu = await startEmulator({
    scenario: testScenario,
    createGraph: () => {
      graph = echoGraph();
      return graph;
    },
  });
});
afterAll(() => emu.close());
beforeEach(async () => {
  await emu.reset();
  token = await mintToken(emu, { userId: ALICE, scopes: ['User.Read'], lifetimeSeconds: 86400 });
});

const me = (path = '/v1.0/me') => emuFetch(emu, path, { headers: { authorization: `Bearer ${token}` } });
const fault = (rule: Record<string, unknown>) => control(emu, 'faults', rule);

describe('control basics', () => {
  it('health, clock get/advance/set (ticks the Graph side)', async () => {
    expect(await control(emu, 'health')).toMatchObject({ ok: true, scenario: 'contract-test' });
    expect(await control(emu, 'clock')).toEqual({ now: expect.stringMatching(/^2026-06-01T08:00:0/) });
    const ticks = graph.ticks;
    const moved = await control<{ now: string }>(emu, 'clock', { advanceMs: 3600_000 });
    expect(moved.now).toMatch(/^2026-06-01T09:00:0/);
    expect(graph.ticks).toBe(ticks + 1);
    expect(await control(emu, 'clock', { set: '2027-01-01T00:00:00Z' })).toEqual({
      now: expect.stringMatching(/^2027-01-01T00:00:0/),
    });
    expect((await emuFetch(emu, '/_emulator/clock', { method: 'POST', body: { set: 'never' } })).status).toBe(400);
  });
  it('reset restores the scenario clock and forgets sessions, faults and settings', async () => {
    emu.clock.advance(86400_000);
    await signInAs(emu, newFlow(emu, { redirectUri: REDIRECT_URI }), ALICE);
    expect(emu.state.authority.sessions.size).toBe(1);
    await fault({ type: '500' });
    await control(emu, 'settings', { autoSignIn: ALICE });
    const res = await control<{ now: string }>(emu, 'reset', {});
    expect(res.now).toMatch(/^2026-06-01T08:00:0/);
    expect(emu.state.authority.sessions.size).toBe(0);
    expect(await control(emu, 'faults')).toMatchObject({ rules: [] });
    expect(await control(emu, 'settings')).toMatchObject({
      autoSignIn: null,
      autoApproveMfa: false,
      tokenLifetimeSeconds: 3600,
    });
  });
  it('reset can switch scenario (object or name) and comes back to the starting one without one', async () => {
    const other = {
      ...testScenario,
      name: 'other',
      tenant: { ...testScenario.tenant, id: '99999999-0000-0000-0000-000000000000' },
    };
    expect(await control(emu, 'reset', { scenario: other })).toMatchObject({ scenario: 'other' });
    expect(emu.tenantId).toBe('99999999-0000-0000-0000-000000000000');
    await control(emu, 'reset', {});
    expect(emu.tenantId).toBe(testScenario.tenant.id);
  });
  it('approvals go to graph.decideApproval; state is graph.snapshot()', async () => {
    expect(
      (await emuFetch(emu, '/_emulator/approvals/req-1', { body: { decision: 'Approve', justification: 'ok' } }))
        .status,
    ).toBe(204);
    expect(graph.decisions).toEqual([
      { approvalId: 'req-1', approverId: ALICE, decision: 'Approve', justification: 'ok' },
    ]);
    expect((await emuFetch(emu, '/_emulator/approvals/req-1', { body: { decision: 'Maybe' } })).status).toBe(400);
    expect(await control(emu, 'state')).toEqual({ ticks: graph.ticks });
  });
  it('tokens: validates input; settings: validates users', async () => {
    expect((await emuFetch(emu, '/_emulator/tokens', { body: { userId: 'nobody', scopes: [] } })).status).toBe(400);
    expect((await emuFetch(emu, '/_emulator/settings', { body: { autoSignIn: 'nobody' } })).status).toBe(400);
    expect((await emuFetch(emu, '/_emulator/nothing-here')).status).toBe(404);
  });
});

describe('faults', () => {
  it('429 with Retry-After and the Graph envelope, for the next `count` matching requests only', async () => {
    await fault({ type: '429', count: 2, retryAfterSeconds: 7, match: { pathContains: '/me' } });
    for (let i = 0; i < 2; i++) {
      const res = await me();
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('7');
      expect(res.json()).toMatchObject({
        error: { code: 'TooManyRequests', innerError: { 'request-id': expect.any(String) } },
      });
    }
    expect((await me()).status).toBe(200);
  });
  it('500 and 503 (with Retry-After)', async () => {
    await fault({ type: '500', count: 1 });
    await fault({ type: '503', count: 1, retryAfterSeconds: 3 });
    const a = await me();
    expect(a.status).toBe(500);
    expect(a.json()).toMatchObject({ error: { code: 'InternalServerError' } });
    const b = await me();
    expect(b.status).toBe(503);
    expect(b.headers['retry-after']).toBe('3');
  });
  it('match by area and method; ratio 0 never fires; DELETE clears', async () => {
    await fault({ type: '500', match: { area: 'authority' } });
    await fault({ type: '503', match: { method: 'DELETE' } });
    await fault({ type: '429', ratio: 0 });
    expect((await me()).status).toBe(200);
    expect((await emuFetch(emu, `/${emu.tenantId}/discovery/v2.0/keys`)).status).toBe(500);
    expect(
      (await emuFetch(emu, '/v1.0/me', { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(503);
    await emuFetch(emu, '/_emulator/faults', { method: 'DELETE' });
    expect((await emuFetch(emu, `/${emu.tenantId}/discovery/v2.0/keys`)).status).toBe(200);
  });
  it('malformed: 200 with a truncated JSON body', async () => {
    await fault({ type: 'malformed', count: 1 });
    const res = await me();
    expect(res.status).toBe(200);
    expect(() => res.json()).toThrow();
  });
  it('drop: the connection closes without a response, logged with status 0', async () => {
    await fault({ type: 'drop', count: 1 });
    await expect(me()).rejects.toThrow();
    await vi.waitFor(async () => {
      const log = await control<LogEntry[]>(emu, 'log');
      expect(log.at(-1)).toMatchObject({ status: 0, path: '/v1.0/me' });
    });
    expect((await me()).status).toBe(200);
  });
  it('latency: a rule delays matching requests; /latency delays all', async () => {
    await fault({ type: 'latency', latencyMs: 120, count: 1 });
    await me();
    await control(emu, 'latency', { ms: 60 });
    await emuFetch(emu, `/${emu.tenantId}/discovery/v2.0/keys`);
    const log = await control<LogEntry[]>(emu, 'log');
    expect(log.at(-2)?.durationMs).toBeGreaterThanOrEqual(115);
    expect(log.at(-1)?.durationMs).toBeGreaterThanOrEqual(55);
    expect(log.at(-1)?.durationMs).toBeLessThan(115);
  });
  it('after: the request is carried out, then its reply is a 500, a drop or a malformed body', async () => {
    const handle = vi.spyOn(graph, 'handle');
    await fault({ type: '500', count: 1, after: true });
    await fault({ type: 'drop', count: 1, after: true });
    await fault({ type: 'malformed', count: 1, after: true });
    expect((await me()).status).toBe(500);
    await expect(me()).rejects.toThrow();
    const malformed = await me();
    expect(malformed.status).toBe(200);
    expect(() => malformed.json()).toThrow();
    // All three reached the service; without `after`, a fault never does.
    expect(handle).toHaveBeenCalledTimes(3);
    await fault({ type: '500', count: 1 });
    expect((await me()).status).toBe(500);
    expect(handle).toHaveBeenCalledTimes(3);
  });
  it('latency: a client that goes away while the service takes its time does not undo its request', async () => {
    const handle = vi.spyOn(graph, 'handle');
    await fault({ type: 'latency', latencyMs: 300, count: 1 });
    const req = request({
      host: '127.0.0.1',
      port: emu.port,
      ca: emu.certPem,
      method: 'POST',
      path: '/v1.0/me',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', host: 'graph.microsoft.com' },
      servername: 'graph.microsoft.com',
    });
    req.on('error', () => {});
    req.end('{"kept":true}');
    // Gone before the answer, as a stopped service worker's fetch is.
    await vi.waitFor(() => expect(req.socket?.bytesWritten ?? 0).toBeGreaterThan(0));
    await vi.waitFor(async () => expect(await control(emu, 'inflight')).toEqual({ count: 1 }));
    req.destroy();
    await vi.waitFor(() => expect(handle).toHaveBeenCalledTimes(1));
    await vi.waitFor(async () => expect(await control(emu, 'inflight')).toEqual({ count: 0 }));
    expect(handle.mock.calls[0]?.[0]).toMatchObject({ method: 'POST', body: { kept: true } });
  });
  it('latency after: the service answers at once, and the answer is held on its way back', async () => {
    const handle = vi.spyOn(graph, 'handle');
    await fault({ type: 'latency', latencyMs: 1500, count: 1, after: true });
    const answered = me();
    // Carried out well before the 1.5 s are up, not after them: the answer holds what was true on arrival.
    await vi.waitFor(() => expect(handle).toHaveBeenCalledTimes(1), { timeout: 1000 });
    expect(await control(emu, 'inflight')).toEqual({ count: 1 });
    expect((await answered).status).toBe(200);
    expect(handle).toHaveBeenCalledTimes(1);
    expect((await control<LogEntry[]>(emu, 'log')).at(-1)?.durationMs).toBeGreaterThanOrEqual(1495);
  });
  it('match by origin: only the requests that browser sent', async () => {
    await fault({ type: '500', match: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' } });
    expect((await me()).status).toBe(200);
    const fromIt = await emuFetch(emu, '/v1.0/me', {
      headers: { authorization: `Bearer ${token}`, origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' },
    });
    expect(fromIt.status).toBe(500);
  });
  it('rejects `after` where it means nothing (429) and when it is not a boolean', async () => {
    for (const body of [
      { type: '429', after: true },
      { type: '500', after: 'yes' },
    ]) {
      expect((await emuFetch(emu, '/_emulator/faults', { body })).status, JSON.stringify(body)).toBe(400);
    }
  });
  it('rejects unknown fault types', async () => {
    expect((await emuFetch(emu, '/_emulator/faults', { body: { type: 'teapot' } })).status).toBe(400);
  });
});

describe('request log', () => {
  it('records Graph and authority requests (not control ones) and can be cleared', async () => {
    await emuFetch(emu, '/_emulator/log', { method: 'DELETE' });
    await emuFetch(emu, 'https://graph.microsoft.com/v1.0/me?$top=1', {
      headers: { authorization: `Bearer ${token}` },
    });
    await emuFetch(emu, `https://login.microsoftonline.com/${emu.tenantId}/v2.0/.well-known/openid-configuration`);
    const log = await control<LogEntry[]>(emu, 'log');
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({
      method: 'GET',
      host: 'graph.microsoft.com',
      path: '/v1.0/me?$top=1',
      status: 200,
      area: 'graph',
    });
    expect(log[1]).toMatchObject({ host: 'login.microsoftonline.com', area: 'authority', status: 200 });
    expect(log[1]?.seq).toBeGreaterThan(log[0]?.seq ?? Infinity);
    expect(log[0]?.startedAt).toMatch(/^2026-06-01T/);
    await emuFetch(emu, '/_emulator/log', { method: 'DELETE' });
    expect(await control(emu, 'log')).toEqual([]);
  });
});
