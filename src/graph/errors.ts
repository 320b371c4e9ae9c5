import { GraphError } from '@microsoft/microsoft-graph-client';
import * as v from 'valibot';
import { AppError } from '../core/result.ts';
import { thrownText } from '../core/thrown-text.ts';
import { TOKEN_FAILURE } from './step-up-auth.ts';

/** A Graph call that failed, as data: an HTTP answer with Graph's error code, or a transport failure. */
export type GraphFailureData =
  | { status: number; code: string; message: string; retryAfterSeconds?: number }
  | { kind: 'network' | 'timeout' | 'malformed'; detail: string };

/** Thrown by the Graph layer; carries the failure for `core/graph-errors` to explain. */
export class GraphRequestError extends Error {
  constructor(readonly failure: GraphFailureData) {
    super(
      'status' in failure
        ? `${failure.status} ${failure.code}: ${failure.message}`
        : `${failure.kind}: ${failure.detail}`,
    );
    this.name = 'GraphRequestError';
  }
}

function retryAfter(headers: Headers | Record<string, string> | undefined): number | undefined {
  const value = headers instanceof Headers ? headers.get('Retry-After') : headers?.['retry-after'];
  const seconds = value === null || value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

const envelope = v.object({ error: v.object({ code: v.string(), message: v.optional(v.string(), '') }) });

/** From a `$batch` item or a raw response body: Graph's error envelope, whatever the status. */
export function failureFromBody(status: number, body: unknown, headers?: Record<string, string>): GraphFailureData {
  const parsed = v.safeParse(envelope, body);
  const { code, message } = parsed.success ? parsed.output.error : { code: `Http${status}`, message: '' };
  const seconds = retryAfter(headers);
  return { status, code, message, ...(seconds !== undefined ? { retryAfterSeconds: seconds } : {}) };
}

/** Normalises whatever the SDK or fetch threw; a token failure comes back as the AppError it was. */
export function toGraphRequestError(error: unknown): GraphRequestError | AppError {
  if (error instanceof GraphRequestError) return error;
  if (error instanceof GraphError && error.code?.startsWith(TOKEN_FAILURE)) {
    return new AppError(error.code.slice(TOKEN_FAILURE.length), error.message);
  }
  if (error instanceof GraphError) {
    if (error.statusCode === -1 || error.statusCode === 0) {
      return new GraphRequestError({ kind: 'network', detail: error.message });
    }
    // A success status with an unreadable body: the SDK reports the JSON parse failure this way.
    if (error.statusCode < 400) return new GraphRequestError({ kind: 'malformed', detail: error.message });
    const seconds = retryAfter(error.headers);
    return new GraphRequestError({
      status: error.statusCode,
      code: error.code ?? `Http${error.statusCode}`,
      message: error.message ?? '',
      ...(seconds !== undefined ? { retryAfterSeconds: seconds } : {}),
    });
  }
  if (error instanceof SyntaxError) return new GraphRequestError({ kind: 'malformed', detail: error.message });
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return new GraphRequestError({ kind: 'timeout', detail: error.message });
  }
  // fetch rejects with a TypeError when the connection fails (offline, reset, DNS).
  const detail = thrownText(error);
  return new GraphRequestError({ kind: 'network', detail });
}
