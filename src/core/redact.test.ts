import { describe, expect, it } from 'vitest';
import { redact } from './redact.ts';

const jwt = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJvaWQiOiIxMjMiLCJzY3AiOiJVc2VyLlJlYWQifQ.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';

describe('redact', () => {
  it('removes JWTs wherever they appear', () => {
    expect(redact(`token ${jwt} failed`)).toBe('token [redacted-jwt] failed');
  });

  it('removes bearer credentials and token fields in JSON and form bodies', () => {
    expect(redact('Authorization: Bearer abcdefghijklmnop')).toBe('Authorization: Bearer [redacted]');
    expect(redact('{"refresh_token":"0.AAAAbbbbccccdddd"}')).toBe('{"refresh_token":"[redacted]"}');
    expect(redact('grant_type=authorization_code&code=0.AXkAabcdefgh&code_verifier=verifier123456')).toBe(
      'grant_type=authorization_code&code=[redacted]&code_verifier=[redacted]',
    );
  });

  it('leaves ordinary sentences alone', () => {
    const text = 'This group allows at most 4 hours; choose a shorter duration.';
    expect(redact(text)).toBe(text);
  });
});
