import type { IncomingMessage } from 'node:http';
import type { GraphRequest } from './contract.ts';
import { verifyGraphToken } from './graph-auth.ts';
import { flatHeaders, GRAPH_JSON, graphError, newId, type Reply, readBody } from './http.ts';
import type { EmuState } from './state.ts';

/** CORS as graph.microsoft.com answers browsers. */
export function graphCors(): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': 'request-id, client-request-id, Retry-After, WWW-Authenticate, Location, Date',
  };
}

export function graphPreflight(req: IncomingMessage): Reply {
  return {
    status: 204,
    headers: {
      ...graphCors(),
      'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
      'Access-Control-Max-Age': '3600',
    },
  };
}

/** Ids Graph puts in headers and error envelopes; client-request-id echoes the caller's when given. */
export function graphIds(req: IncomingMessage): { requestId: string; clientRequestId: string } {
  const given = req.headers['client-request-id'];
  const requestId = newId();
  return { requestId, clientRequestId: typeof given === 'string' && given ? given : requestId };
}

/** One Graph request: tick, authenticate, hand to the Graph service, and dress the reply as Graph does. */
export async function handleGraph(state: EmuState, req: IncomingMessage, url: URL): Promise<Reply> {
  const ids = graphIds(req);
  const ctx = { ...ids, nowMs: state.clock.now() };
  const extra = { ...graphCors(), 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId };
  state.graph.tick();
  const auth = await verifyGraphToken(state, req.headers.authorization);
  if (!auth.ok) {
    return graphError(401, 'InvalidAuthenticationToken', auth.message, ctx, {
      ...extra,
      'WWW-Authenticate': auth.wwwAuthenticate,
    });
  }
  const raw = await readBody(req);
  let body: unknown;
  if (raw.trim()) {
    try {
      body = JSON.parse(raw);
    } catch {
      return graphError(
        400,
        'BadRequest',
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
        ctx,
        extra,
      );
    }
  }
  const version = url.pathname.startsWith('/beta') ? 'beta' : 'v1.0';
  const rest = url.pathname.slice(version.length + 1) || '/';
  const graphReq: GraphRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    version,
    path: safeDecode(rest),
    query: url.searchParams,
    headers: flatHeaders(req),
    body,
    token: auth.claims,
    baseUrl: `https://graph.microsoft.com/${version}`,
  };
  try {
    const res = await state.graph.handle(graphReq);
    const headers: Record<string, string> = { ...extra, ...res.headers };
    if (res.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = GRAPH_JSON;
    }
    return { status: res.status, headers, body: res.body };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return graphError(500, 'InternalServerError', `Emulator Graph service failed: ${message}`, ctx, extra);
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
