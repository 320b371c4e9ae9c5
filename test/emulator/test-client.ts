/**
 * HTTPS helpers for Vitest contract tests against a running emulator.
 *
 *   const emu = await startEmulator({ scenario: 'demo' });
 *   const token = await mintToken(emu, { userId: 'u1', scopes: ['PrivilegedEligibilitySchedule.Read.AzureADGroup'] });
 *   const res = await emuFetch(emu, '/v1.0/me', { headers: { authorization: `Bearer ${token}` } });
 *   expect(res.status).toBe(200); const me = res.json<{ id: string }>();
 *
 * `pathOrUrl` may be a path ("/v1.0/...") or a full URL on graph.microsoft.com / login.microsoftonline.com:
 * either way the request goes to 127.0.0.1:PORT, with the URL's host as Host header and TLS server name,
 * trusting only the emulator's certificate. Redirects are not followed (tests inspect Location).
 */
import { request } from 'node:https';

export interface EmuTarget {
  port: number;
  certPem: string;
}

export interface EmuFetchInit {
  method?: string;
  headers?: Record<string, string>;
  /** A string is sent as-is; anything else as JSON (with Content-Type: application/json). */
  body?: unknown;
}

export interface EmuFetchResponse {
  status: number;
  /** Lower-case names; repeated headers (set-cookie) joined with ", " except set-cookie, kept as an array in `cookies`. */
  headers: Record<string, string>;
  cookies: string[];
  text(): string;
  json<T = unknown>(): T;
}

export function emuFetch(emu: EmuTarget, pathOrUrl: string, init: EmuFetchInit = {}): Promise<EmuFetchResponse> {
  const url = new URL(pathOrUrl, 'https://127.0.0.1');
  const headers: Record<string, string> = { host: url.host === '127.0.0.1' ? `127.0.0.1:${emu.port}` : url.host };
  for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v;
  let payload: string | undefined;
  if (init.body !== undefined) {
    payload = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    if (typeof init.body !== 'string') headers['content-type'] ??= 'application/json';
  }
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: emu.port,
        servername: url.hostname === '127.0.0.1' ? undefined : url.hostname,
        ca: emu.certPem,
        method: init.method ?? (payload === undefined ? 'GET' : 'POST'),
        path: url.pathname + url.search,
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const flat: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({
            status: res.statusCode ?? 0,
            headers: flat,
            cookies: res.headers['set-cookie'] ?? [],
            text: () => text,
            json: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export interface MintTokenInput {
  userId: string;
  scopes: string[];
  clientId?: string;
  mfa?: boolean;
  acrs?: string[];
  cp1?: boolean;
  lifetimeSeconds?: number;
}

/** Mints a Graph access token through the control API (POST /_emulator/tokens). */
export async function mintToken(emu: EmuTarget, input: MintTokenInput): Promise<string> {
  const res = await emuFetch(emu, '/_emulator/tokens', { method: 'POST', body: input });
  if (res.status !== 200) throw new Error(`mintToken failed: ${res.status} ${res.text()}`);
  return res.json<{ access_token: string }>().access_token;
}

/** Calls a control route and returns the parsed JSON, throwing on a non-2xx status. */
export async function control<T = unknown>(emu: EmuTarget, path: string, body?: unknown, method?: string): Promise<T> {
  const res = await emuFetch(emu, `/_emulator/${path.replace(/^\//, '')}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    body,
  });
  if (res.status < 200 || res.status >= 300) throw new Error(`control ${path} failed: ${res.status} ${res.text()}`);
  return res.json<T>();
}
