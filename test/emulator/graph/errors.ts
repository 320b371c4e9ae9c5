/**
 * Graph errors. Handlers throw `GraphError`; the router turns it into Graph's envelope
 * `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}` so every
 * error path looks the same to the client.
 */
import { randomUUID } from 'node:crypto';
import type { EmuResponse } from '../contract.ts';

/** The Content-Type Graph sends with JSON bodies. */
export const JSON_TYPE =
  'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8';

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

/** Renders an error in Graph's envelope. `client-request-id` echoes the request header, as Graph does. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  nowMs: number,
  requestHeaders: Record<string, string>,
  headers: Record<string, string> = {},
): EmuResponse {
  const requestId = randomUUID();
  const clientRequestId = requestHeaders['client-request-id'] ?? requestId;
  return {
    status,
    headers: {
      'content-type': JSON_TYPE,
      'request-id': requestId,
      'client-request-id': clientRequestId,
      ...headers,
    },
    body: {
      error: {
        code,
        message,
        // Graph's format: UTC to the second, no zone designator ("2026-08-13T13:03:10"), as http.ts sends it too.
        innerError: {
          date: new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, ''),
          'request-id': requestId,
          'client-request-id': clientRequestId,
        },
      },
    },
  };
}

export const badRequest = (message: string, code = 'BadRequest') => new GraphError(400, code, message);
export const notFound = (message: string, code = 'ResourceNotFound') => new GraphError(404, code, message);
export const forbidden = (message: string, code = 'AuthorizationFailed') => new GraphError(403, code, message);

/** The documented PIM message texts (docs/graph-pim-groups.md §3), kept in one place so tests and handlers agree. */
export const PimMessages = {
  exists: 'The Role assignment already exists.',
  doesNotExist: 'The Role assignment does not exist.',
  // The typo "Miniumum" is what clients have reported seeing; keep it.
  tooShort: (minutes: number) => `The Active duration is too short. Miniumum Required is ${minutes} minutes.`,
  pending: 'There is already an existing pending Role assignment request.',
  invalid: 'The role assignment request is invalid.',
  policy: (rules: string[]) => `The following policy rules failed: [${rules.map((r) => `"${r}"`).join(',')}]`,
} as const;
