/**
 * Contract tests go through the real emulator over HTTPS (server.ts + test-client.ts): the same
 * TLS, token verification and routing the production build of the extension meets.
 */
import type { Emulator } from '../server.ts';
import { startEmulator } from '../server.ts';
import { type EmuFetchResponse, emuFetch, mintToken } from '../test-client.ts';
import { ADELE, ALL_SCOPES } from './test-helpers.ts';

export interface Https {
  emu: Emulator;
  /** Mints a token for `userId` (default Adele, all demo scopes, MFA). */
  token(opts?: { userId?: string; scopes?: string[]; mfa?: boolean; acrs?: string[] }): Promise<string>;
  /** GET/POST/PATCH on graph.microsoft.com; `path` is "/v1.0/…" or a full Graph URL (nextLink). */
  call(
    method: string,
    path: string,
    init?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<EmuFetchResponse>;
  close(): Promise<void>;
}

export async function startHttps(scenario = 'demo'): Promise<Https> {
  const emu = await startEmulator({ port: 0, scenario });
  // Tokens expire on the emulator's clock, which tests move: re-mint once one is 30 minutes old.
  const tokens = new Map<string, { token: string; at: number }>();
  const token: Https['token'] = async (opts = {}) => {
    const input = {
      userId: opts.userId ?? ADELE,
      scopes: opts.scopes ?? ALL_SCOPES,
      mfa: opts.mfa ?? true,
      acrs: opts.acrs,
    };
    const key = JSON.stringify(input);
    const cached = tokens.get(key);
    const age = cached ? emu.clock.now() - cached.at : Number.POSITIVE_INFINITY;
    if (cached && age >= 0 && age < 30 * 60_000) return cached.token;
    const t = await mintToken(emu, input);
    tokens.set(key, { token: t, at: emu.clock.now() });
    return t;
  };
  return {
    emu,
    token,
    async call(method, path, init = {}) {
      const url = path.startsWith('https://') ? path : `https://graph.microsoft.com${path}`;
      const bearer = init.token ?? (await token());
      return emuFetch(emu, url, {
        method,
        body: init.body,
        headers: { authorization: `Bearer ${bearer}`, ...init.headers },
      });
    },
    close: () => emu.close(),
  };
}

export type { EmuFetchResponse };
