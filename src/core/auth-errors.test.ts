import { describe, expect, it } from 'vitest';
import { aadstsInPage, explainAuthError, needsInteraction } from './auth-errors.ts';

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
    ['aad:AADSTS700084', 'authSessionEnded', []],
    ['aad:AADSTS50058', 'authSessionEnded', []],
    ['aad:AADSTS50173', 'authSessionEnded', []],
    ['aad:AADSTS50076', 'authStepUpFailed', []],
    ['aad:AADSTS500121', 'authMfaDenied', []],
    ['aad:AADSTS50057', 'authAccountDisabled', []],
    ['aad:AADSTS53003', 'authConditionalAccessBlocked', []],
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

  it('an interaction-required answer that carries a configuration or policy code is not a sign-in to do', () => {
    // MSAL reports consent and Conditional Access blocks as "interaction required" too.
    expect(needsInteraction('interaction_required', 'AADSTS65001: The user or administrator has not consented')).toBe(
      false,
    );
    expect(needsInteraction('interaction_required', 'AADSTS53003: Access has been blocked')).toBe(false);
    expect(needsInteraction('interaction_required', 'AADSTS50058: A silent sign-in request was sent')).toBe(true);
    expect(needsInteraction('interaction_required', 'AADSTS16000: Either multiple user identities')).toBe(true);
    expect(needsInteraction('login_required')).toBe(true);
  });

  it('names the authentication context Conditional Access blocks', () => {
    expect(explainAuthError('aad:AADSTS53003', '', { ...context, authContexts: ['c2'] })).toEqual({
      key: 'authContextBlocked',
      substitutions: ['c2'],
    });
  });

  it('reads the AADSTS code from an Entra error page', () => {
    expect(aadstsInPage('<html><body><p>AADSTS700016: Application with identifier x was not found</p>')).toBe(
      'AADSTS700016',
    );
    expect(aadstsInPage('<html>Sign in</html>')).toBeUndefined();
  });
});
