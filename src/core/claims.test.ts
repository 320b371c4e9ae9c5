import { describe, expect, it } from 'vitest';
import {
  authContextClaims,
  claimsFromPimMessage,
  claimsFromWwwAuthenticate,
  failedPolicyRules,
  MFA_CLAIMS,
  mergeClaims,
  parseWwwAuthenticate,
  requestedContexts,
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

  it('reads raw JSON claims in a PIM message, braces inside strings included', () => {
    const raw = '{"access_token":{"acrs":{"essential":true,"value":"c}2"}}}';
    expect(claimsFromPimMessage(`Validation failed: claims=${raw}. Retry.`)).toBe(raw);
    expect(claimsFromPimMessage('claims={"access_token":')).toBeUndefined();
  });

  it('asks for MFA as the reserved context p1, never with an amr request', () => {
    expect(JSON.parse(MFA_CLAIMS)).toEqual({ access_token: { acrs: { essential: true, values: ['p1'] } } });
    expect(requestedContexts(MFA_CLAIMS)).toEqual([]);
    expect(requestedContexts('{"access_token":{"acrs":{"essential":true,"values":["c2","p1"]}}}')).toEqual(['c2']);
    expect(requestedContexts(acrs)).toEqual(['c1']);
    expect(requestedContexts('not json')).toEqual([]);
  });

  it('builds and merges claims requests', () => {
    expect(authContextClaims('c1')).toBe(acrs);
    const nbf = '{"access_token":{"nbf":{"essential":true,"value":"1700000000"}}}';
    expect(JSON.parse(mergeClaims(acrs, nbf) ?? '')).toEqual({
      access_token: { acrs: { essential: true, value: 'c1' }, nbf: { essential: true, value: '1700000000' } },
    });
    expect(mergeClaims(undefined, acrs)).toBe(acrs);
    expect(mergeClaims(acrs, undefined)).toBe(acrs);
  });
});
