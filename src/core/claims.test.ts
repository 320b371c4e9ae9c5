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

const acrs = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';

describe('claims challenges', () => {
  it('parses WWW-Authenticate parameters, quoted or not', () => {
    expect(
      parseWwwAuthenticate(
        'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error=insufficient_claims, claims="eyJ9"',
      ),
    ).toEqual({
      realm: '',
      authorization_uri: 'https://login.microsoftonline.com/common/oauth2/authorize',
      error: 'insufficient_claims',
      claims: 'eyJ9',
    });
  });

  it('decodes the base64 claims of an insufficient_claims challenge', () => {
    const claims = btoa('{"access_token":{"nbf":{"essential":true,"value":"1700000000"}}}');
    expect(claimsFromWwwAuthenticate(`Bearer error="insufficient_claims", claims="${claims}"`)).toBe(
      '{"access_token":{"nbf":{"essential":true,"value":"1700000000"}}}',
    );
  });

  it('ignores other challenges and garbage', () => {
    expect(claimsFromWwwAuthenticate('Bearer error="invalid_token"')).toBeUndefined();
    expect(claimsFromWwwAuthenticate('Bearer error="insufficient_claims", claims="%%%"')).toBeUndefined();
    expect(claimsFromWwwAuthenticate(null)).toBeUndefined();
  });

  it('reads the URL-encoded claims in a PIM AcrsValidationFailed message', () => {
    const message = `The Role assignment request failed authentication context validation.&claims=${encodeURIComponent(acrs)}`;
    expect(claimsFromPimMessage(message)).toBe(acrs);
    expect(claimsFromPimMessage('no claims here')).toBeUndefined();
    expect(claimsFromPimMessage('claims=%7Bbroken')).toBeUndefined();
  });

  it('lists the failed policy rules', () => {
    expect(failedPolicyRules('The following policy rules failed: ["MfaRule","TicketingRule"]')).toEqual([
      'MfaRule',
      'TicketingRule',
    ]);
    expect(failedPolicyRules('The following policy rules failed: ["ExpirationRule"]')).toEqual(['ExpirationRule']);
    expect(failedPolicyRules('Something else')).toEqual([]);
  });

  it('builds and merges claims requests', () => {
    expect(authContextClaims('c1')).toBe(acrs);
    expect(JSON.parse(mergeClaims(acrs, MFA_CLAIMS) ?? '')).toEqual({
      access_token: { acrs: { essential: true, value: 'c1' }, amr: { essential: true, values: ['mfa'] } },
    });
    expect(mergeClaims(undefined, acrs)).toBe(acrs);
    expect(mergeClaims(acrs, undefined)).toBe(acrs);
  });
});
