import { errors, jwtVerify } from 'jose';
import { GRAPH_APP_ID, GRAPH_RESOURCE } from './authority/scopes.ts';
import type { AccessTokenClaims } from './contract.ts';
import type { EmuState } from './state.ts';

const AUDIENCES = [GRAPH_RESOURCE, `${GRAPH_RESOURCE}/`, GRAPH_APP_ID];
/** What Graph sends on every 401, before any CAE challenge is added. */
export const GRAPH_WWW_AUTH = `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`;

export type AuthResult =
  | { ok: true; claims: AccessTokenClaims }
  | { ok: false; message: string; wwwAuthenticate: string };

const fail = (message: string, wwwAuthenticate = GRAPH_WWW_AUTH): AuthResult => ({
  ok: false,
  message,
  wwwAuthenticate,
});

/** Verifies a Graph bearer token: signature with the emulator key, audience, lifetime (emulator clock), then CAE. */
export async function verifyGraphToken(state: EmuState, authorization: string | undefined): Promise<AuthResult> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) return fail('Access token is empty.');
  let claims: AccessTokenClaims;
  try {
    const result = await jwtVerify(match[1], state.keys.publicKey, {
      algorithms: ['RS256'],
      currentDate: new Date(state.clock.now()),
    });
    claims = result.payload as unknown as AccessTokenClaims;
  } catch (e) {
    if (e instanceof errors.JWTExpired) return fail('Lifetime validation failed, the token is expired.');
    if (e instanceof errors.JWTClaimValidationFailed && e.claim === 'nbf') {
      return fail('Lifetime validation failed, the token is not yet valid.');
    }
    if (e instanceof errors.JWSSignatureVerificationFailed)
      return fail('Access token validation failure. Invalid signature.');
    return fail('CompactToken parsing failed with error code: 80049217');
  }
  if (!AUDIENCES.includes(claims.aud)) return fail('Access token validation failure. Invalid audience.');
  return checkRevocation(state, claims);
}

/** Continuous access evaluation: tokens issued before a revocation are refused; CP1 clients get a claims challenge. */
function checkRevocation(state: EmuState, claims: AccessTokenClaims): AuthResult {
  const revokedMs = state.authority.revocations.get(claims.oid);
  if (revokedMs === undefined) return { ok: true, claims };
  const uti = (claims as unknown as { uti?: string }).uti;
  const issuedMs = (uti && state.authority.issuedTokens.get(uti)) || claims.iat * 1000;
  if (issuedMs > revokedMs) return { ok: true, claims };
  const message =
    'Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp';
  if (!claims.xms_cc?.some((c) => c.toLowerCase() === 'cp1')) return fail(message);
  const challenge = { access_token: { nbf: { essential: true, value: String(Math.floor(revokedMs / 1000)) } } };
  const encoded = Buffer.from(JSON.stringify(challenge)).toString('base64');
  return fail(
    message,
    `Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="${encoded}"`,
  );
}
