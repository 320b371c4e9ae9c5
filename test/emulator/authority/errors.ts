import { json, newId, type Reply } from '../http.ts';

/** Entra's timestamp style inside error bodies: "2026-11-30 04:00:00Z". */
export function entraTimestamp(nowMs: number): string {
  return new Date(nowMs)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** "AADSTS<n>: <text>" followed by the trace lines Entra appends. */
export function aadsts(
  code: number,
  text: string,
  nowMs: number,
  ids = { trace: newId(), correlation: newId() },
): string {
  return `AADSTS${code}: ${text} Trace ID: ${ids.trace} Correlation ID: ${ids.correlation} Timestamp: ${entraTimestamp(nowMs)}`;
}

/** A token-endpoint error, status 400, in Entra's body shape. */
export function tokenError(
  nowMs: number,
  error: string,
  code: number,
  text: string,
  headers: Record<string, string>,
  extra: Record<string, unknown> = {},
): Reply {
  const ids = { trace: newId(), correlation: newId() };
  return json(
    400,
    {
      error,
      error_description: aadsts(code, text, nowMs, ids),
      error_codes: [code],
      timestamp: entraTimestamp(nowMs),
      trace_id: ids.trace,
      correlation_id: ids.correlation,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
      ...extra,
    },
    { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers },
  );
}

export const MFA_REQUIRED_TEXT =
  "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.";
