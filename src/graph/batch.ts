import type { Client } from '@microsoft/microsoft-graph-client';
import * as v from 'valibot';
import type { GraphCallOptions } from './call-options.ts';
import { GraphRequestError, toGraphRequestError } from './errors.ts';

export interface BatchRequest {
  id: string;
  method: 'GET' | 'POST';
  /** Relative to the version, e.g. "/me". */
  url: string;
  body?: unknown;
}

export interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Graph's limit (docs/graph-pim-groups.md §3). */
export const BATCH_LIMIT = 20;

const batchReply = v.object({
  responses: v.array(
    v.object({
      id: v.string(),
      status: v.number(),
      headers: v.optional(v.record(v.string(), v.string()), {}),
      body: v.optional(v.unknown()),
    }),
  ),
});

/** One `$batch` round trip; answers keyed by request id, whatever order Graph returns them in. */
export async function batch(
  client: Client,
  requests: BatchRequest[],
  options: GraphCallOptions,
): Promise<Map<string, BatchResponse>> {
  if (requests.length > BATCH_LIMIT) throw new Error(`a batch holds at most ${BATCH_LIMIT} requests`);
  const payload = {
    requests: requests.map((r) => ({
      id: r.id,
      method: r.method,
      url: r.url,
      ...(r.body !== undefined ? { body: r.body, headers: { 'Content-Type': 'application/json' } } : {}),
    })),
  };
  let reply: unknown;
  try {
    reply = await client.api('/$batch').middlewareOptions([options]).post(payload);
  } catch (error) {
    throw toGraphRequestError(error);
  }
  const parsed = v.safeParse(batchReply, reply);
  if (!parsed.success) throw new GraphRequestError({ kind: 'malformed', detail: 'the $batch answer has no responses' });
  return new Map(parsed.output.responses.map((r) => [r.id, r as BatchResponse]));
}
