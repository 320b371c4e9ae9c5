import type { IncomingMessage } from 'node:http';
import { mintAccessToken } from './authority/mint.ts';
import { parseScopes } from './authority/scopes.ts';
import type { Scenario } from './contract.ts';
import { parseFaultRule } from './faults.ts';
import { json, type Reply, readBody } from './http.ts';
import { type EmuState, findClient, findUser } from './state.ts';

export interface ControlTarget {
  readonly state: EmuState;
  reset(scenario?: string | Scenario): Promise<void>;
}

type Body = Record<string, unknown>;
const bad = (message: string) => json(400, { error: 'bad_request', message });
const iso = (state: EmuState) => ({ now: new Date(state.clock.now()).toISOString() });

/** The /_emulator/* control API (JSON in, JSON out). Never faulted, never logged. */
export async function handleControl(target: ControlTarget, req: IncomingMessage, url: URL): Promise<Reply> {
  const method = (req.method ?? 'GET').toUpperCase();
  const route = url.pathname.replace(/^\/_emulator\/?/, '').replace(/\/$/, '');
  const raw = method === 'GET' || method === 'DELETE' ? '' : await readBody(req);
  let body: Body = {};
  if (raw.trim()) {
    try {
      body = JSON.parse(raw) as Body;
    } catch {
      return bad('body must be JSON');
    }
  }
  const state = target.state;
  const key = `${method} ${route}`;
  switch (key) {
    case 'GET health':
      return json(200, { ok: true, scenario: state.scenario.name, ...iso(state) });
    case 'GET clock':
      return json(200, iso(state));
    case 'POST clock':
      return moveClock(state, body);
    case 'POST faults': {
      const rule = parseFaultRule(body);
      if (typeof rule === 'string') return bad(rule);
      state.faults.add(rule);
      return json(200, { rules: state.faults.rules });
    }
    case 'GET faults':
      return json(200, { rules: state.faults.rules, latencyMs: state.faults.latencyMs });
    case 'DELETE faults':
      state.faults.clear();
      return json(200, { rules: [] });
    case 'POST latency':
      if (typeof body.ms !== 'number' || body.ms < 0) return bad('ms must be a number >= 0');
      state.faults.latencyMs = body.ms;
      return json(200, { latencyMs: body.ms });
    case 'GET log':
      return json(200, state.log.entries);
    case 'GET inflight':
      return json(200, { count: state.log.inFlight });
    case 'DELETE log':
      state.log.clear();
      return json(200, []);
    case 'POST reset':
      if (body.scenario !== undefined && typeof body.scenario !== 'string' && typeof body.scenario !== 'object') {
        return bad('scenario must be a name, a path or a scenario object');
      }
      await target.reset(body.scenario as string | Scenario | undefined);
      return json(200, { ok: true, scenario: target.state.scenario.name, ...iso(target.state) });
    case 'GET state':
      return json(200, state.graph.snapshot());
    case 'POST tokens':
      return mintForTest(state, body);
    case 'GET settings':
      return json(200, state.settings);
    case 'POST settings':
      return updateSettings(state, body);
    case 'POST revoke': {
      const user = findUser(state, body.userId as string | undefined);
      if (!user) return bad('unknown userId');
      state.authority.revoke(user.id, state.clock.now());
      return json(200, { userId: user.id, revokedAt: new Date(state.clock.now()).toISOString() });
    }
  }
  const approval = /^approvals\/([^/]+)$/.exec(route);
  if (method === 'POST' && approval?.[1]) return decide(state, decodeURIComponent(approval[1]), body);
  const group = /^groups\/([^/]+)$/.exec(route);
  if (method === 'POST' && group?.[1]) return renameGroup(state, decodeURIComponent(group[1]), body);
  return json(404, { error: 'not_found', message: `No control route ${method} /_emulator/${route}` });
}

/**
 * Renames a group: Graph answers with the new name from then on (`$expand=group`, `/groups/{id}`).
 * Any string is taken as it is, markup, control characters and all, so tests can send hostile names.
 */
function renameGroup(state: EmuState, groupId: string, body: Body): Reply {
  if (typeof body.displayName !== 'string') return bad('displayName must be a string');
  const groups = state.scenario.groups;
  const index = groups.findIndex((g) => g.id.toLowerCase() === groupId.toLowerCase());
  const current = groups[index];
  if (!current) return json(404, { error: 'not_found', message: `unknown group ${groupId}` });
  groups[index] = { ...current, displayName: body.displayName };
  return json(200, { id: current.id, displayName: body.displayName });
}

function moveClock(state: EmuState, body: Body): Reply {
  if (typeof body.advanceMs === 'number') state.clock.advance(body.advanceMs);
  else if (typeof body.set === 'string' && !Number.isNaN(Date.parse(body.set))) state.clock.set(Date.parse(body.set));
  else return bad('send {advanceMs: number} or {set: ISO string}');
  state.graph.tick();
  return json(200, iso(state));
}

function decide(state: EmuState, approvalId: string, body: Body): Reply {
  if (body.decision !== 'Approve' && body.decision !== 'Deny') return bad("decision must be 'Approve' or 'Deny'");
  // Without an explicit approver, act as the first approver any policy names (else the first user).
  const approverId =
    (body.approverId as string | undefined) ??
    state.scenario.policies.flatMap((p) => p.approvers ?? [])[0] ??
    state.scenario.users[0]?.id ??
    '';
  const res = state.graph.decideApproval({
    approvalId,
    approverId,
    decision: body.decision,
    justification: typeof body.justification === 'string' ? body.justification : undefined,
  });
  return { status: res.status, headers: res.headers, body: res.body };
}

async function mintForTest(state: EmuState, body: Body): Promise<Reply> {
  const user = findUser(state, body.userId as string | undefined);
  if (!user) return bad('unknown userId');
  const client = body.clientId ? findClient(state, body.clientId as string) : state.scenario.clients[0];
  if (!client) return bad('unknown clientId');
  if (!Array.isArray(body.scopes)) return bad('scopes must be an array of strings');
  const scopes = parseScopes((body.scopes as string[]).join(' ')).graph;
  const { token, expiresIn } = await mintAccessToken(state, {
    user,
    client,
    scopes,
    mfa: body.mfa === true || (Array.isArray(body.acrs) && body.acrs.length > 0),
    acrs: Array.isArray(body.acrs) ? (body.acrs as string[]) : [],
    cp1: body.cp1 === true,
    lifetimeSeconds: typeof body.lifetimeSeconds === 'number' ? body.lifetimeSeconds : undefined,
  });
  return json(200, { access_token: token, token_type: 'Bearer', expires_in: expiresIn });
}

function updateSettings(state: EmuState, body: Body): Reply {
  const s = state.settings;
  if (body.tokenLifetimeSeconds !== undefined) {
    if (typeof body.tokenLifetimeSeconds !== 'number' || body.tokenLifetimeSeconds <= 0)
      return bad('tokenLifetimeSeconds must be > 0');
    s.tokenLifetimeSeconds = body.tokenLifetimeSeconds;
  }
  if (body.autoSignIn !== undefined) {
    if (body.autoSignIn === null) s.autoSignIn = null;
    else {
      const user = findUser(state, body.autoSignIn as string);
      if (!user) return bad('autoSignIn: unknown user');
      s.autoSignIn = user.id;
    }
  }
  if (body.autoApproveMfa !== undefined) s.autoApproveMfa = body.autoApproveMfa === true;
  if (body.staySignedIn !== undefined) {
    if (body.staySignedIn !== 'ask' && body.staySignedIn !== 'yes' && body.staySignedIn !== 'no')
      return bad("staySignedIn must be 'ask', 'yes' or 'no'");
    s.staySignedIn = body.staySignedIn;
  }
  if (body.honourAmrClaims !== undefined) s.honourAmrClaims = body.honourAmrClaims === true;
  if (body.p1RequiresMfa !== undefined) s.p1RequiresMfa = body.p1RequiresMfa === true;
  return json(200, s);
}
