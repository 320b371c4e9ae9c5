import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEmptyOrSafeHttpsUrl, parseHttpsUrl, safeHttpsUrl } from './safe-url.ts';

describe('safe https addresses', () => {
  it('accepts absolute https URLs with a host', () => {
    for (const url of ['https://portal.azure.com/', 'https://myapps.microsoft.com', 'https://x.example:8443/a?b=c#d']) {
      expect(safeHttpsUrl(url)).toBe(url);
    }
  });

  it('refuses other schemes, credentials, spaces, controls, relative and overlong addresses', () => {
    for (const url of [
      'http://portal.azure.com/',
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'chrome-extension://abc/page.html',
      'file:///etc/passwd',
      'https://portal.azure.com@evil.example/',
      'https://user:pass@portal.azure.com/',
      'https://portal.azure.com/a b',
      ' https://portal.azure.com/',
      'https://portal.azure.com/\u0000',
      'https://portal.azure.com/\u0085',
      '//portal.azure.com/',
      '/relative',
      'https://',
      `https://a.example/${'x'.repeat(2000)}`,
      '',
      undefined,
      42,
    ]) {
      expect(safeHttpsUrl(url)).toBeUndefined();
    }
    expect(parseHttpsUrl('https://u:p@a.example/')?.hostname).toBe('a.example');
  });

  it('an optional stored address is empty or safe', () => {
    expect(isEmptyOrSafeHttpsUrl('')).toBe(true);
    expect(isEmptyOrSafeHttpsUrl('https://portal.azure.com/')).toBe(true);
    expect(isEmptyOrSafeHttpsUrl('https://a@b.example/')).toBe(false);
  });

  it('whatever it accepts is https, has a host and no credentials', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string()), (value) => {
        const safe = safeHttpsUrl(value);
        if (safe === undefined) return;
        const url = new URL(safe);
        expect(url.protocol).toBe('https:');
        expect(url.hostname).not.toBe('');
        expect(url.username + url.password).toBe('');
      }),
      { numRuns: 500 },
    );
  });
});
