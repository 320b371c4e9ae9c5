/**
 * JSON batching (reference §3 "$batch"): at most 20 requests, relative URLs with or without a
 * leading slash, `dependsOn` ordering with 424 for failed dependencies, and a `Content-Type`
 * header required on items that carry a body. Responses keep request order for determinism.
 */
import type { EmuResponse, GraphRequest } from '../contract.ts';
import { badRequest, errorResponse, JSON_TYPE } from './errors.ts';

export const MAX_BATCH = 20;

interface Item {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseItems(body: unknown): Item[] {
  const list = isObj(body) ? body.requests : undefined;
  if (!Array.isArray(list) || list.length === 0) throw badRequest('Invalid batch payload format.');
  if (list.length > MAX_BATCH) {
    throw badRequest(`The batch contains ${list.length} requests; the maximum is ${MAX_BATCH}.`);
  }
  const items = list.map((raw): Item => {
    if (
      !isObj(raw) ||
      typeof raw.id !== 'string' ||
      raw.id === '' ||
      typeof raw.method !== 'string' ||
      typeof raw.url !== 'string'
    ) {
      throw badRequest('Invalid batch payload format: every request needs id, method and url.');
    }
    const headers = Object.fromEntries(
      Object.entries(isObj(raw.headers) ? raw.headers : {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    if (raw.body !== undefined && headers['content-type'] === undefined) {
      throw badRequest(`Write request id : ${raw.id} does not contain Content-Type header or body.`);
    }
    const dependsOn = Array.isArray(raw.dependsOn) ? raw.dependsOn.map(String) : [];
    return { id: raw.id, method: raw.method.toUpperCase(), url: raw.url, headers, body: raw.body, dependsOn };
  });
  const ids = new Set(items.map((i) => i.id));
  if (ids.size !== items.length) throw badRequest('Batch request ids must be unique.');
  for (const i of items) {
    for (const d of i.dependsOn)
      if (!ids.has(d)) throw badRequest(`Request id '${i.id}' depends on unknown id '${d}'.`);
  }
  return items;
}

/** Rejects dependency cycles before anything runs, since items have side effects. */
function checkCycles(items: Item[]): void {
  const byId = new Map(items.map((i) => [i.id, i]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw badRequest(`The dependsOn chain of request '${id}' has a cycle.`);
    state.set(id, 'visiting');
    for (const d of byId.get(id)?.dependsOn ?? []) visit(d);
    state.set(id, 'done');
  };
  for (const i of items) visit(i.id);
}

function toSubRequest(outer: GraphRequest, item: Item): GraphRequest | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(item.url)) return null;
  const u = new URL(item.url.replace(/^\/+/, ''), 'https://batch.invalid/');
  return {
    method: item.method,
    version: outer.version,
    path: decodeURIComponent(u.pathname),
    query: u.searchParams,
    headers: { ...outer.headers, ...item.headers },
    body: item.body,
    token: outer.token,
    baseUrl: outer.baseUrl,
  };
}

/** An item-level error in Graph's envelope (same shape as top-level errors). */
function itemError(status: number, code: string, message: string, nowMs: number, headers: Record<string, string>) {
  const res = errorResponse(status, code, message, nowMs, headers);
  return { status, headers: { 'Content-Type': JSON_TYPE }, body: res.body };
}

export async function handleBatch(
  req: GraphRequest,
  single: (r: GraphRequest) => Promise<EmuResponse>,
  nowMs: number,
): Promise<EmuResponse> {
  const items = parseItems(req.body);
  checkCycles(items);
  const byId = new Map(items.map((i) => [i.id, i]));
  const results = new Map<string, { status: number; headers: Record<string, string>; body?: unknown }>();
  const run = async (item: Item): Promise<void> => {
    if (results.has(item.id)) return;
    for (const d of item.dependsOn) await run(byId.get(d) as Item);
    if (item.dependsOn.some((d) => (results.get(d)?.status ?? 500) >= 400)) {
      results.set(
        item.id,
        itemError(424, 'FailedDependency', 'The request depends on a request that failed.', nowMs, item.headers),
      );
      return;
    }
    const sub = toSubRequest(req, item);
    if (!sub)
      return void results.set(
        item.id,
        itemError(400, 'BadRequest', 'Batch request URLs must be relative.', nowMs, item.headers),
      );
    if (sub.path.toLowerCase() === '/$batch') {
      return void results.set(
        item.id,
        itemError(400, 'BadRequest', 'Nested $batch requests are not supported.', nowMs, item.headers),
      );
    }
    const res = await single(sub);
    const headers = Object.fromEntries(
      Object.entries(res.headers ?? {}).map(([k, v]) => [k === 'content-type' ? 'Content-Type' : k, v]),
    );
    results.set(
      item.id,
      res.body === undefined ? { status: res.status, headers } : { status: res.status, headers, body: res.body },
    );
  };
  for (const item of items) await run(item);
  return {
    status: 200,
    headers: { 'content-type': JSON_TYPE },
    body: { responses: items.map((i) => ({ id: i.id, ...results.get(i.id) })) },
  };
}
