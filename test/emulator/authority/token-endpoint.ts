import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { json, type Reply, readBody } from '../http.ts';
import { type EmuState, findClient, findUser, tenantKnown } from '../state.ts';
import { type ClaimsRequest, parseClaims, satisfied, satisfiedContexts } from './claims.ts';
import { MFA_REQUIRED_TEXT, tokenError } from './errors.ts';
import { mintAccessToken, mintIdToken } from './mint.ts';
import { grantedGraphScopes, missingConsent, type ParsedScopes, parseScopes, responseScope } from './scopes.ts';
import { homeClientInfo } from './sign-in.ts';
import { CODE_LIFETIME_MS, type RefreshGrant, SPA_REFRESH_LIFETIME_MS } from './store.ts';

type Client = EmuState['scenario']['clients'][number];

/** CORS for the token endpoint: the SPA's own origin is allowed (and required). */
export function tokenCors(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return origin
    ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', 'Access-Control-Allow-Credentials': 'true' }
    : {};
}

/** POST /{tenant}/oauth2/v2.0/token */
export async function handleToken(state: EmuState, req: IncomingMessage, tenant: string): Promise<Reply> {
  const now = state.clock.now();
  const cors = tokenCors(req);
  const fail = (error: string, code: number, text: string) => tokenError(now, error, code, text, cors);
  const body = new URLSearchParams(await readBody(req));
  if (!tenantKnown(state, tenant)) return fail('invalid_request', 90002, `Tenant '${tenant}' not found.`);
  const clientId = body.get('client_id') ?? '';
  const client = findClient(state, clientId);
  if (!client)
    return fail(
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`,
    );
  if (!req.headers.origin) {
    return fail(
      'invalid_request',
      9002327,
      "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
    );
  }
  const honourAmr = state.settings.honourAmrClaims;
  const claims = parseClaims(body.get('claims') ?? undefined, honourAmr);
  if (!claims) return fail('invalid_request', 90100, 'claims parameter is empty or not valid.');
  const grantType = body.get('grant_type');
  let grant: RefreshGrant | Reply;
  let nonce: string | undefined;
  let scopeParam = body.get('scope') ?? undefined;
  let requested: ClaimsRequest = claims;
  if (grantType === 'authorization_code') {
    const code = body.get('code');
    if (!code) return fail('invalid_request', 900144, "The request body must contain the following parameter: 'code'.");
    const c = state.authority.codes.get(code);
    if (!c || now - c.issuedMs > CODE_LIFETIME_MS) {
      return fail(
        'invalid_grant',
        70008,
        'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
      );
    }
    if (c.redeemed)
      return fail(
        'invalid_grant',
        54005,
        'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
      );
    if (c.clientId !== client.clientId) return fail('invalid_grant', 70000, 'Provided grant is invalid or malformed.');
    if (body.get('redirect_uri') !== c.redirectUri) {
      return fail(
        'invalid_grant',
        50011,
        `The redirect URI '${body.get('redirect_uri') ?? ''}' specified in the request does not match the redirect URI specified in the authorization request.`,
      );
    }
    const verifier = body.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== c.codeChallenge) {
      return fail(
        'invalid_grant',
        501481,
        'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
      );
    }
    c.redeemed = true;
    nonce = c.nonce;
    scopeParam ??= c.scope;
    // The authorize request's claims still count: MSAL repeats them, but a hand-rolled client may not.
    const atAuthorize = parseClaims(c.claims, honourAmr) ?? claims;
    requested = {
      acrs: [...new Set([...atAuthorize.acrs, ...claims.acrs])],
      mfa: atAuthorize.mfa || claims.mfa,
      cp1: atAuthorize.cp1 || claims.cp1,
    };
    const { userId, mfa, acrs, authTimeMs } = c;
    grant = {
      clientId: c.clientId,
      userId,
      mfa,
      acrs,
      authTimeMs,
      issuedMs: c.issuedMs,
      expiresMs: now + SPA_REFRESH_LIFETIME_MS,
    };
  } else if (grantType === 'refresh_token') {
    grant = refreshGrant(state, body.get('refresh_token'), client, fail);
  } else {
    return fail('unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType ?? ''}'.`);
  }
  if ('status' in grant) return grant;
  if (state.authority.isRevoked(grant.userId, grant.issuedMs)) {
    return fail(
      'invalid_grant',
      50173,
      'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.',
    );
  }
  // MSAL treats both `interaction_required` and suberror `basic_action` as "go interactive".
  if (!satisfied(requested, grant, state.settings.p1RequiresMfa)) {
    return tokenError(now, 'interaction_required', 50076, MFA_REQUIRED_TEXT, cors, { suberror: 'basic_action' });
  }
  const scopes = parseScopes(scopeParam);
  if (missingConsent(scopes, client.consentedScopes).length > 0) {
    return fail(
      'invalid_grant',
      65001,
      `The user or administrator has not consented to use the application with ID '${client.clientId}' named '${client.displayName}'. Send an interactive authorization request for this user and resource.`,
    );
  }
  return issue(state, client, grant, { requested, scopes, nonce }, cors);
}

function refreshGrant(
  state: EmuState,
  token: string | null,
  client: Client,
  fail: (error: string, code: number, text: string) => Reply,
): RefreshGrant | Reply {
  if (!token)
    return fail('invalid_request', 900144, "The request body must contain the following parameter: 'refresh_token'.");
  const g = state.authority.refreshTokens.get(token);
  if (!g) return fail('invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
  if (g.clientId !== client.clientId) return fail('invalid_grant', 70000, 'Provided grant is invalid or malformed.');
  if (state.clock.now() >= g.expiresMs) {
    return fail(
      'invalid_grant',
      700084,
      `The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on ${new Date(g.expiresMs - SPA_REFRESH_LIFETIME_MS).toISOString()}.`,
    );
  }
  return g;
}

async function issue(
  state: EmuState,
  client: Client,
  grant: RefreshGrant,
  ask: { requested: ClaimsRequest; scopes: ParsedScopes; nonce: string | undefined },
  cors: Record<string, string>,
): Promise<Reply> {
  const { requested, nonce } = ask;
  const now = state.clock.now();
  const user = findUser(state, grant.userId);
  if (!user) return tokenError(now, 'invalid_grant', 50034, 'The user account does not exist in the directory.', cors);
  const granted = grantedGraphScopes(client.consentedScopes);
  const have = satisfiedContexts(grant, state.settings.p1RequiresMfa);
  const acrs = requested.acrs.filter((a) => have.includes(a));
  const at = await mintAccessToken(state, { user, client, scopes: granted, mfa: grant.mfa, acrs, cp1: requested.cp1 });
  const idToken = await mintIdToken(state, { user, client, nonce, authTimeMs: grant.authTimeMs });
  // Rotation: every redemption returns a new refresh token; SPA chains keep their first expiry (24 h).
  const refreshToken = state.authority.newRefreshToken({ ...grant, clientId: client.clientId, issuedMs: now });
  return json(
    200,
    {
      token_type: 'Bearer',
      scope: responseScope(granted, ask.scopes),
      expires_in: at.expiresIn,
      ext_expires_in: at.expiresIn,
      access_token: at.token,
      refresh_token: refreshToken,
      refresh_token_expires_in: Math.max(0, Math.round((grant.expiresMs - now) / 1000)),
      id_token: idToken,
      client_info: homeClientInfo(state, user),
    },
    { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...cors },
  );
}
