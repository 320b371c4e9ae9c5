import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Graph's JSON content type, as graph.microsoft.com sends it. */
export const GRAPH_JSON =
  'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

const bodies = new WeakMap<IncomingMessage, Promise<string>>();

/** The request's body; read once, so the server can take it in before it takes its time (latency). */
export function readBody(req: IncomingMessage): Promise<string> {
  let body = bodies.get(req);
  if (!body) {
    body = (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    })();
    bodies.set(req, body);
  }
  return body;
}

/** Lower-case header map with repeated headers joined, as GraphRequest.headers wants. */
export function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Objects are JSON-serialised; strings are sent as-is. */
  body?: unknown;
}

/**
 * Writes a reply. The Date header always comes from the emulator clock, never from Node. A
 * Set-Cookie value holding several cookies (joined by "\n") is sent as one header each.
 */
export function send(res: ServerResponse, nowMs: number, reply: Reply, defaultType = JSON_TYPE): void {
  const headers: Record<string, string | string[]> = { ...reply.headers, Date: httpDate(nowMs) };
  const cookies = headers['Set-Cookie'];
  if (typeof cookies === 'string' && cookies.includes('\n')) headers['Set-Cookie'] = cookies.split('\n');
  let payload: string | undefined;
  if (reply.body !== undefined) {
    payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = defaultType;
  }
  res.sendDate = false;
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, headers: { 'Content-Type': JSON_TYPE, ...headers } };
}

export function redirect(location: string, headers?: Record<string, string>): Reply {
  return { status: 302, headers: { Location: location, 'Cache-Control': 'no-store', ...headers } };
}

export function newId(): string {
  return randomUUID();
}

/** Graph's error envelope (docs/graph-pim-groups.md §3). */
export function graphError(
  status: number,
  code: string,
  message: string,
  ctx: { nowMs: number; requestId: string; clientRequestId: string },
  headers?: Record<string, string>,
): Reply {
  const innerError = {
    date: new Date(ctx.nowMs).toISOString().replace(/\.\d{3}Z$/, ''),
    'request-id': ctx.requestId,
    'client-request-id': ctx.clientRequestId,
  };
  return {
    status,
    body: { error: { code, message, innerError } },
    headers: { 'Content-Type': GRAPH_JSON, ...headers },
  };
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}
