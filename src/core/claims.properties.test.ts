// Property-based tests: WWW-Authenticate headers and PIM messages come from the network. Whatever
// they hold, the readers answer a claims request Entra can take (a JSON object) or nothing; they
// never throw, and merging what they return never throws either.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  authContextClaims,
  claimsFromPimMessage,
  claimsFromWwwAuthenticate,
  failedPolicyRules,
  MFA_CLAIMS,
  mergeClaims,
  parseWwwAuthenticate,
} from './claims.ts';

/** Runs per property; their sum is the number of cases this file tries. */
const RUNS = { header: 2_000, challengeRoundTrip: 1_000, pimMessage: 2_000, rules: 1_000, merge: 1_000 };
const TOTAL_RUNS = Object.values(RUNS).reduce((a, b) => a + b, 0);

const toBase64 = (text: string, url: boolean) => {
  const b64 = btoa(String.fromCharCode(...new TextEncoder().encode(text)));
  return url ? b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : b64;
};

/** Pieces a header or message is made of, so the parsers meet near-misses, not only noise. */
const piece = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    'Bearer ',
    'realm=""',
    'error="insufficient_claims"',
    'error=insufficient_claims',
    'claims="',
    'claims=',
    '"',
    '\\"',
    '\\',
    ', ',
    '=',
    'eyJhY2Nlc3NfdG9rZW4iOnt9fQ==',
    '%7B%22access_token%22',
    '%E0%A4%A',
    '&claims=',
    'The following policy rules failed: [',
    '"MfaRule"',
    ']',
    '[]',
    'null',
  ),
  fc.integer({ min: 1_000, max: 10_000 }).map((n) => '"'.repeat(n)),
  fc.integer({ min: 1_000, max: 10_000 }).map((n) => 'a='.repeat(n / 2)),
);
const assembled = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));

/** Claims requests are JSON objects; anything else must not reach MSAL. */
function expectClaimsOrNothing(claims: string | undefined): void {
  if (claims === undefined) return;
  const value: unknown = JSON.parse(claims);
  expect(typeof value === 'object' && value !== null && !Array.isArray(value)).toBe(true);
}

const claimsObject = fc.dictionary(
  fc.constantFrom('access_token', 'id_token', 'userinfo'),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  { minKeys: 1, maxKeys: 2 },
);

describe('claims challenges: properties', { timeout: 60_000 }, () => {
  it('reads any WWW-Authenticate header into string parameters, or no claims', () => {
    fc.assert(
      fc.property(fc.oneof(assembled, fc.string({ unit: 'binary', maxLength: 300 })), (header) => {
        for (const [key, value] of Object.entries(parseWwwAuthenticate(header))) {
          expect(key).toMatch(/^[a-z_]+$/);
          expect(typeof value).toBe('string');
        }
        expectClaimsOrNothing(claimsFromWwwAuthenticate(header));
      }),
      { numRuns: RUNS.header },
    );
  });

  it('returns exactly the claims a challenge carries, in base64 or base64url', () => {
    fc.assert(
      fc.property(claimsObject, fc.boolean(), fc.constantFrom('', 'realm="", '), (claims, url, before) => {
        const json = JSON.stringify(claims);
        const header = `Bearer ${before}error="insufficient_claims", claims="${toBase64(json, url)}"`;
        expect(claimsFromWwwAuthenticate(header)).toBe(json);
      }),
      { numRuns: RUNS.challengeRoundTrip },
    );
  });

  it('reads any PIM message into claims or nothing', () => {
    fc.assert(
      fc.property(assembled, (message) => {
        expectClaimsOrNothing(claimsFromPimMessage(message));
      }),
      { numRuns: RUNS.pimMessage },
    );
  });

  it('lists failed policy rules as strings from any message', () => {
    fc.assert(
      fc.property(assembled, (message) => {
        const rules = failedPolicyRules(message);
        expect(Array.isArray(rules)).toBe(true);
        for (const rule of rules) expect(typeof rule).toBe('string');
      }),
      { numRuns: RUNS.rules },
    );
  });

  it('merges whatever the readers returned without throwing', () => {
    const someClaims = fc.oneof(
      fc.constant(undefined),
      fc.constant(MFA_CLAIMS),
      fc.string({ maxLength: 20 }).map(authContextClaims),
      claimsObject.map((c) => JSON.stringify(c)),
      assembled.map(claimsFromPimMessage),
      assembled.map(claimsFromWwwAuthenticate),
    );
    fc.assert(
      fc.property(someClaims, someClaims, (a, b) => {
        expectClaimsOrNothing(mergeClaims(a, b));
      }),
      { numRuns: RUNS.merge },
    );
  });

  it('refuses a challenge whose claims are JSON but not an object (regression)', () => {
    for (const json of ['[]', '[{"access_token":{}}]', '"x"', '1']) {
      expect(claimsFromWwwAuthenticate(`Bearer error="insufficient_claims", claims="${btoa(json)}"`)).toBeUndefined();
      expect(claimsFromPimMessage(`claims=${encodeURIComponent(json)}`)).toBeUndefined();
    }
  });

  it(`tries ${TOTAL_RUNS} cases in all`, () => {
    console.info(`[fuzz] src/core/claims.properties.test.ts: ${TOTAL_RUNS} cases`);
    expect(TOTAL_RUNS).toBeGreaterThan(0);
  });
});
