import type { MessageKey } from './message-key.ts';

/** A user-facing sentence as a `_locales` key and its substitutions; the caller localises it. */
export interface Sentence {
  key: MessageKey;
  substitutions: string[];
}

export interface AuthErrorContext {
  tenant: string;
  clientId: string;
  redirectUri: string;
  /** The authentication contexts the request asked for (e.g. ["c2"]), to name them. */
  authContexts?: string[];
}

// Entra's AADSTS codes we know how to explain; the rest keep Entra's own text.
const AADSTS: Record<string, (c: AuthErrorContext) => Sentence> = {
  AADSTS65001: () => ({ key: 'authConsentRequired', substitutions: [] }),
  AADSTS65004: () => ({ key: 'authConsentRequired', substitutions: [] }),
  AADSTS700016: (c) => ({ key: 'authUnknownClient', substitutions: [c.clientId] }),
  AADSTS90002: (c) => ({ key: 'authUnknownTenant', substitutions: [c.tenant] }),
  AADSTS50011: (c) => ({ key: 'authRedirectMismatch', substitutions: [c.redirectUri] }),
  AADSTS9002326: () => ({ key: 'authSpaRequired', substitutions: [] }),
  AADSTS9002327: () => ({ key: 'authSpaRequired', substitutions: [] }),
  AADSTS700084: () => ({ key: 'authSessionEnded', substitutions: [] }),
  AADSTS70008: () => ({ key: 'authSessionEnded', substitutions: [] }),
  AADSTS50173: () => ({ key: 'authSessionEnded', substitutions: [] }),
  AADSTS50058: () => ({ key: 'authSessionEnded', substitutions: [] }),
  AADSTS50076: () => ({ key: 'authStepUpFailed', substitutions: [] }),
  AADSTS50079: () => ({ key: 'authStepUpFailed', substitutions: [] }),
  // The user said no to the MFA prompt (or could not use their method).
  AADSTS500121: () => ({ key: 'authMfaDenied', substitutions: [] }),
  AADSTS50057: () => ({ key: 'authAccountDisabled', substitutions: [] }),
  // Conditional Access blocked the token: with an authentication context asked for, that context
  // cannot be met here (a compliant device, a location…); trying again will not change it.
  AADSTS53003: (c) =>
    c.authContexts?.length
      ? { key: 'authContextBlocked', substitutions: [c.authContexts.join(', ')] }
      : { key: 'authConditionalAccessBlocked', substitutions: [] },
};

/** Codes that mean "a person must sign in (again)", not "something is misconfigured". */
const NEEDS_INTERACTION = new Set([
  'AADSTS50058',
  'AADSTS16000',
  'AADSTS9002313',
  'AADSTS50076',
  'AADSTS50079',
  'AADSTS700084',
  'AADSTS70008',
  'AADSTS50173',
]);

export function aadstsOf(code: string, detail = ''): string | undefined {
  return /AADSTS\d+/.exec(code)?.[0] ?? /AADSTS\d+/.exec(detail)?.[0];
}

/**
 * True when the failure can be fixed by the user signing in (a silent renewal did not do it). An
 * Entra code decides when there is one: consent missing or a Conditional Access block also come as
 * MSAL's "interaction required", but no sign-in fixes them, and they have their own sentences.
 */
export function needsInteraction(code: string, detail = ''): boolean {
  const aadsts = aadstsOf(code, detail);
  if (aadsts) return NEEDS_INTERACTION.has(aadsts);
  return (
    code === 'interaction_required' ||
    code === 'login_required' ||
    code === 'msal:no_tokens_found' ||
    code === 'msal:no_account_error'
  );
}

/** Explains an auth host or Entra error; `undefined` when there is nothing more specific than the raw text. */
export function explainAuthError(code: string, detail: string, context: AuthErrorContext): Sentence | undefined {
  const aadsts = aadstsOf(code, detail);
  const known = aadsts ? AADSTS[aadsts] : undefined;
  if (known) return known(context);
  if (aadsts) return { key: 'authServerError', substitutions: [firstLine(detail)] };
  return undefined;
}

/** Entra messages carry trace and correlation ids on later lines; the first line is the sentence. */
function firstLine(text: string): string {
  return (text.split(/\r?\n/)[0] ?? text).trim();
}

/** Finds an AADSTS error in an Entra error page (the preflight reads it when a sign-in window was closed). */
export function aadstsInPage(html: string): string | undefined {
  return /AADSTS\d{4,}/.exec(html)?.[0];
}
