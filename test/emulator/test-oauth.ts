/**
 * The authorization-code + PKCE flow done by hand, as MSAL does it, for contract tests:
 *   const flow = newFlow(emu, { scope: 'User.Read openid profile offline_access' });
 *   const page = await emuFetch(emu, flow.authorizeUrl());            // sign-in page
 *   const signedIn = await postForm(emu, flow.authorizePath, { ...flow.params, emu_user: userId });
 *   const { code } = fragment(signedIn.headers.location);              // or pass the cookie next time
 *   const tokens = await redeem(emu, flow, code);
 */
import { createHash, randomBytes } from 'node:crypto';
import { type EmuFetchResponse, type EmuTarget, emuFetch } from './test-client.ts';

export const EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

export interface Flow {
  tenant: string;
  verifier: string;
  params: Record<string, string>;
  authorizePath: string;
  authorizeUrl(extra?: Record<string, string>): string;
}

export function newFlow(
  emu: EmuTarget & { tenantId: string; clientId: string },
  opts: { redirectUri: string; scope?: string; tenant?: string; extra?: Record<string, string> },
): Flow {
  const verifier = randomBytes(32).toString('base64url');
  const tenant = opts.tenant ?? emu.tenantId;
  const params: Record<string, string> = {
    client_id: emu.clientId,
    scope: opts.scope ?? 'https://graph.microsoft.com/User.Read openid profile offline_access',
    redirect_uri: opts.redirectUri,
    response_type: 'code',
    response_mode: 'fragment',
    state: randomBytes(8).toString('hex'),
    nonce: randomBytes(8).toString('hex'),
    client_info: '1',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...opts.extra,
  };
  const authorizePath = `/${tenant}/oauth2/v2.0/authorize`;
  return {
    tenant,
    verifier,
    params,
    authorizePath,
    authorizeUrl: (extra = {}) => `${authorizePath}?${new URLSearchParams({ ...params, ...extra })}`,
  };
}

/** Parameters of a redirect Location, from its fragment (or query when there is no fragment). */
export function fragment(location: string | undefined): Record<string, string> {
  if (!location) throw new Error('no Location header');
  const u = new URL(location);
  return Object.fromEntries(new URLSearchParams(u.hash ? u.hash.slice(1) : u.search));
}

/** The `name=value` part of the session cookie a response set, for the next request's Cookie header. */
export function cookieOf(res: EmuFetchResponse): string {
  const c = res.cookies.find((x) => x.startsWith('ESTSAUTH='));
  if (!c) throw new Error('no session cookie set');
  return c.split(';')[0] ?? '';
}

export function postForm(
  emu: EmuTarget,
  path: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return emuFetch(emu, path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  id_token: string;
  client_info: string;
  scope: string;
  expires_in: number;
  token_type: string;
}

/** POST to the token endpoint with MSAL's fields (Origin header, client_info=1, PKCE verifier). */
export function tokenRequest(
  emu: EmuTarget,
  flow: Flow,
  form: Record<string, string>,
  origin: string | null = EXTENSION_ORIGIN,
) {
  return postForm(
    emu,
    `/${flow.tenant}/oauth2/v2.0/token`,
    { client_id: flow.params.client_id ?? '', client_info: '1', 'x-client-SKU': 'msal.js.browser', ...form },
    origin ? { origin } : {},
  );
}

export function redeem(emu: EmuTarget, flow: Flow, code: string, extra: Record<string, string> = {}) {
  return tokenRequest(emu, flow, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: flow.params.redirect_uri ?? '',
    code_verifier: flow.verifier,
    scope: flow.params.scope ?? '',
    ...extra,
  });
}

/** Signs in through the picker as `userId`; returns the final response (redirect with code, or a step-up page). */
export async function signInAs(emu: EmuTarget, flow: Flow, userId: string, extra: Record<string, string> = {}) {
  return postForm(emu, flow.authorizePath, { ...flow.params, ...extra, emu_user: userId });
}
