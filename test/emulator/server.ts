import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { routeAuthority } from './authority/index.ts';
import { createClock } from './clock.ts';
import type { Clock, GraphService, Scenario } from './contract.ts';
import { handleControl } from './control.ts';
import { FAULT_ERRORS, MALFORMED_BODY } from './faults.ts';
import { graphCors, graphIds, graphPreflight, handleGraph } from './graph-gateway.ts';
import { GRAPH_JSON, graphError, json, type Reply, readBody, send } from './http.ts';
import { createSigningKeys } from './keys.ts';
import { type EmuState, scenarioState } from './state.ts';
import { createCert } from './tls.ts';

export interface StartOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** A scenario name ('demo', 'large'), a JSON file path, or the scenario itself. Default 'demo'. */
  scenario?: string | Scenario;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Replaces the Graph side (tests of the server/authority alone). Default: graph/index.ts createGraphService. */
  createGraph?: (scenario: Scenario, clock: Clock) => GraphService;
}

export interface Emulator {
  url: string;
  port: number;
  spki: string;
  certPem: string;
  tenantId: string;
  /** The scenario's first client. */
  clientId: string;
  clock: Clock;
  /** The live state (scenario, settings, stores); replaced by reset(). For tests. */
  readonly state: EmuState;
  close(): Promise<void>;
  /** Back to a fresh scenario (default: the one it started with): clock, Graph state, sessions, faults, log, settings. */
  reset(scenario?: string | Scenario): Promise<void>;
}

async function resolveScenario(s: string | Scenario): Promise<Scenario> {
  // A copy: control routes change the live scenario (group names), and a reset starts from the original.
  if (typeof s !== 'string') return structuredClone(s);
  const { loadScenario } = await import('./scenarios/index.ts');
  return loadScenario(s);
}

async function resolveGraphFactory(opts: StartOptions): Promise<(s: Scenario, c: Clock) => GraphService> {
  if (opts.createGraph) return opts.createGraph;
  const { createGraphService } = await import('./graph/index.ts');
  return createGraphService;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Starts the emulator: one HTTPS server routing by path (control, Graph, authority), whatever the Host header. */
export async function startEmulator(opts: StartOptions = {}): Promise<Emulator> {
  const [cert, keys, createGraph] = await Promise.all([createCert(), createSigningKeys(), resolveGraphFactory(opts)]);
  const initial = opts.scenario ?? 'demo';
  const clock = createClock();
  let state = scenarioState(await resolveScenario(initial), clock, keys, createGraph);
  const reset = async (s?: string | Scenario) => {
    state = scenarioState(await resolveScenario(s ?? initial), clock, keys, createGraph);
  };
  const control = {
    get state() {
      return state;
    },
    reset,
  };

  const server: Server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    dispatch(state, control, req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, state.clock.now(), json(500, { error: 'emulator_error', message: String(e) }));
      else res.destroy();
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    // A wildcard listener is still reached through loopback.
    url: `https://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`,
    port,
    spki: cert.spki,
    certPem: cert.certPem,
    get tenantId() {
      return state.scenario.tenant.id;
    },
    get clientId() {
      return state.scenario.clients[0]?.clientId ?? '';
    },
    clock,
    get state() {
      return state;
    },
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type Control = Parameters<typeof handleControl>[0];

async function dispatch(state: EmuState, control: Control, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://emulator.invalid');
  if (url.pathname.startsWith('/_emulator/') || url.pathname === '/_emulator') {
    const reply = await handleControl(control, req, url);
    return send(res, control.state.clock.now(), reply);
  }
  const area = /^\/(v1\.0|beta)(\/|$)/.test(url.pathname) ? 'graph' : 'authority';
  const method = (req.method ?? 'GET').toUpperCase();
  const started = performance.now();
  const startedAt = new Date(state.clock.now()).toISOString();
  res.on('close', () => {
    state.log.add({
      startedAt,
      method,
      host: req.headers.host ?? '',
      path: url.pathname + url.search,
      status: res.writableFinished ? res.statusCode : 0,
      durationMs: Math.round(performance.now() - started),
      area,
      // Which extension sent it (the token endpoint requires an Origin): the e2e tests check each browser's.
      ...(req.headers.origin ? { origin: req.headers.origin } : {}),
    });
  });
  const fault =
    method === 'OPTIONS'
      ? undefined
      : state.faults.take({ method, path: url.pathname + url.search, area, origin: req.headers.origin });
  // A slow way back: answered at once, the answer held (faults.ts, `after` with 'latency').
  const held = fault?.type === 'latency' && fault.after === true;
  state.log.inFlight += 1;
  try {
    const delay = state.faults.latencyMs + (fault?.type === 'latency' && !held ? (fault.latencyMs ?? 0) : 0);
    if (delay > 0) {
      // The request has arrived whole before the service takes its time: a client that goes away
      // meanwhile (a stopped worker, a closed tab) does not undo it, as with Graph.
      await readBody(req).catch(() => '');
      await sleep(delay);
    }
    if (held) {
      const reply = await route(state, req, url, area, undefined, undefined);
      await sleep(fault?.latencyMs ?? 0);
      send(res, state.clock.now(), reply);
      return;
    }
    // An ambiguous failure: the service does the work, the client never learns the outcome.
    if (fault?.after) await route(state, req, url, area, undefined, undefined);
    if (fault?.type === 'drop') {
      req.socket.destroy();
      return;
    }
    send(res, state.clock.now(), await route(state, req, url, area, fault?.type, fault?.retryAfterSeconds));
  } finally {
    state.log.inFlight -= 1;
  }
}

async function route(
  state: EmuState,
  req: IncomingMessage,
  url: URL,
  area: 'graph' | 'authority',
  faultType: string | undefined,
  retryAfter: number | undefined,
): Promise<Reply> {
  if (faultType === '429' || faultType === '500' || faultType === '503') {
    const { code, message } = FAULT_ERRORS[faultType];
    const ids = graphIds(req);
    const headers: Record<string, string> = {
      ...graphCors(),
      'request-id': ids.requestId,
      'client-request-id': ids.clientRequestId,
    };
    if (faultType !== '500') headers['Retry-After'] = String(retryAfter ?? 1);
    return graphError(Number(faultType), code, message, { ...ids, nowMs: state.clock.now() }, headers);
  }
  if (faultType === 'malformed') {
    return { status: 200, headers: { ...graphCors(), 'Content-Type': GRAPH_JSON }, body: MALFORMED_BODY };
  }
  if (area === 'graph') return req.method === 'OPTIONS' ? graphPreflight(req) : handleGraph(state, req, url);
  return routeAuthority(state, req, url);
}
