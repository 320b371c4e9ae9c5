import { describe, expect, it } from 'vitest';
import { aadstsInPage, explainAuthError, needsInteraction, sessionEnded } from './auth-errors.ts';

const context = {
  tenant: 'contoso.onmicrosoft.com',
  clientId: '3b8e6f2a-91c4-4a57-b0d2-6c1e9f4a7d35',
  redirectUri: 'https://abjnondncbmdnoijkglepmcgffnjfoek.chromiumapp.org/',
};

describe('auth errors', () => {
  it.each([
    ['aad:AADSTS65001', 'authConsentRequired', []],
    ['aad:AADSTS700016', 'authUnknownClient', [context.clientId]],
    ['aad:AADSTS90002', 'authUnknownTenant', [context.tenant]],
    ['aad:AADSTS50011', 'authRedirectMismatch', [context.redirectUri]],
    ['aad:AADSTS9002327', 'authSpaRequired', []],
    ['aad:AADSTS700084', 'authSessionExpired', []],
    ['aad:AADSTS50076', 'authStepUpFailed', []],
  ])('%s → %s', (code, key, substitutions) => {
    expect(explainAuthError(code, '', context)).toEqual({ key, substitutions });
  });

  it("keeps Entra's first line for codes it does not know", () => {
    expect(
      explainAuthError(
        'aad:AADSTS50105',
        'AADSTS50105: Your administrator has not assigned you.\nTrace ID: 1',
        context,
      ),
    ).toEqual({
      key: 'authServerError',
      substitutions: ['AADSTS50105: Your administrator has not assigned you.'],
    });
    expect(explainAuthError('msal:timed_out', 'timed out', context)).toBeUndefined();
  });

  it('finds the code in the detail when the code itself is generic', () => {
    expect(
      explainAuthError('interaction_required', 'AADSTS65001: The user or administrator has not consented', context)
        ?.key,
    ).toBe('authConsentRequired');
  });

  it('knows which failures an interactive sign-in can fix', () => {
    expect(needsInteraction('interaction_required')).toBe(true);
    expect(needsInteraction('aad:AADSTS700084')).toBe(true);
    expect(needsInteraction('msal:no_tokens_found')).toBe(true);
    expect(needsInteraction('aad:AADSTS65001')).toBe(false);
    expect(needsInteraction('aad:AADSTS700016')).toBe(false);
  });

  it('tells an ended sign-in (revoked, expired, unknown grant) from a request for more proof', () => {
    const revoked = 'AADSTS50173: The provided grant has expired due to it being revoked';
    expect(sessionEnded('interaction_required', revoked)).toBe(true);
    expect(sessionEnded('aad:AADSTS700084')).toBe(true);
    expect(sessionEnded('aad:AADSTS9002313')).toBe(true);
    // MFA or an authentication context for one request: the session itself is fine.
    expect(sessionEnded('interaction_required', 'AADSTS50076: you must use multi-factor authentication')).toBe(false);
    expect(sessionEnded('interaction_required')).toBe(false);
    expect(sessionEnded('aad:AADSTS65001')).toBe(false);
  });

  it('reads the AADSTS code from an Entra error page', () => {
    expect(aadstsInPage('<html><body><p>AADSTS700016: Application with identifier x was not found</p>')).toBe(
      'AADSTS700016',
    );
    expect(aadstsInPage('<html>Sign in</html>')).toBeUndefined();
  });
});
