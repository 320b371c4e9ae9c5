import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import type { AccessTokenClaims, Scenario } from '../contract.ts';
import type { EmuState } from '../state.ts';
import { GRAPH_RESOURCE } from './scopes.ts';
import { opaque } from './store.ts';

type User = Scenario['users'][number];
type Client = Scenario['clients'][number];

export interface AccessTokenInput {
  user: User;
  client: Client;
  /** Graph scopes without the resource prefix. */
  scopes: string[];
  mfa: boolean;
  acrs: string[];
  cp1: boolean;
  lifetimeSeconds?: number;
}

const sec = (ms: number) => Math.floor(ms / 1000);

/** A Graph access token shaped like Entra's v1 tokens for Graph (claims per AccessTokenClaims). */
export async function mintAccessToken(
  state: EmuState,
  input: AccessTokenInput,
): Promise<{ token: string; expiresIn: number }> {
  const nowMs = state.clock.now();
  const iat = sec(nowMs);
  const expiresIn = input.lifetimeSeconds ?? state.settings.tokenLifetimeSeconds;
  const tid = state.scenario.tenant.id;
  const uti = opaque(16);
  state.authority.issuedTokens.set(uti, nowMs);
  const claims: AccessTokenClaims & Record<string, unknown> = {
    aud: GRAPH_RESOURCE,
    iss: `https://sts.windows.net/${tid}/`,
    iat,
    nbf: iat,
    exp: iat + expiresIn,
    // 1 for a B2B guest (a user whose home is another tenant), as Entra's optional claim documents.
    acct: input.user.home ? 1 : 0,
    amr: input.mfa ? ['pwd', 'mfa'] : ['pwd'],
    app_displayname: input.client.displayName,
    appid: input.client.clientId,
    appidacr: '0',
    idtyp: 'user',
    name: input.user.displayName,
    oid: input.user.id,
    scp: input.scopes.join(' '),
    sub: pairwiseSub(input.client.clientId, input.user.id),
    tid,
    unique_name: input.user.userPrincipalName,
    upn: input.user.userPrincipalName,
    uti,
    ver: '1.0',
  };
  if (input.acrs.length > 0) claims.acrs = input.acrs;
  if (input.cp1) claims.xms_cc = ['cp1'];
  const token = await new SignJWT(claims)
    .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: state.keys.kid, x5t: state.keys.kid })
    .sign(state.keys.privateKey);
  return { token, expiresIn };
}

/** The v2.0 id_token. MSAL checks only its nonce, but the rest follows Entra for anyone who decodes it. */
export async function mintIdToken(
  state: EmuState,
  input: { user: User; client: Client; nonce: string | undefined; authTimeMs: number },
): Promise<string> {
  const iat = sec(state.clock.now());
  const tid = state.scenario.tenant.id;
  const claims: Record<string, unknown> = {
    aud: input.client.clientId,
    iss: `https://login.microsoftonline.com/${tid}/v2.0`,
    iat,
    nbf: iat,
    exp: iat + 3600,
    auth_time: sec(input.authTimeMs),
    name: input.user.displayName,
    oid: input.user.id,
    preferred_username: input.user.userPrincipalName,
    sub: pairwiseSub(input.client.clientId, input.user.id),
    tid,
    uti: opaque(16),
    ver: '2.0',
  };
  if (input.nonce) claims.nonce = input.nonce;
  // Only when the app registration adds it: the one value Entra's logout takes as logout_hint.
  if (input.client.idTokenOptionalClaims?.includes('login_hint')) claims.login_hint = loginHint(input.user.id, tid);
  return new SignJWT(claims)
    .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: state.keys.kid })
    .sign(state.keys.privateKey);
}

/** An opaque, stable hint per user and tenant, as Entra's `login_hint` claim is (its format is not documented). */
export function loginHint(oid: string, tid: string): string {
  return `O.${Buffer.from(JSON.stringify({ oid, tid })).toString('base64url')}`;
}

/** client_info as MSAL expects it: base64url JSON of the home account ids. */
export function clientInfo(oid: string, tid: string): string {
  return Buffer.from(JSON.stringify({ uid: oid, utid: tid })).toString('base64url');
}

/** Entra's `sub` is pairwise: stable per (app, user), different across apps. */
function pairwiseSub(clientId: string, oid: string): string {
  return createHash('sha256').update(`${clientId}:${oid}`).digest('base64url').slice(0, 43);
}
