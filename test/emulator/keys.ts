import { randomBytes } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK } from 'jose';

/** The authority's token-signing key. Generated once per emulator process; survives reset() so issued tokens stay verifiable. */
export interface SigningKeys {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

export async function createSigningKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  // Entra kids look like base64url x5t thumbprints; a random one of the same shape will do.
  const kid = randomBytes(20).toString('base64url');
  const publicJwk = await exportJWK(publicKey);
  return { kid, privateKey, publicKey, publicJwk };
}

/** JWKS document in Entra's shape (kty, use, kid, x5t, n, e, issuer). */
export function jwksDocument(keys: SigningKeys, issuer: string): { keys: JWK[] } {
  const { n, e } = keys.publicJwk;
  return { keys: [{ kty: 'RSA', use: 'sig', kid: keys.kid, x5t: keys.kid, n, e, issuer } as JWK] };
}
