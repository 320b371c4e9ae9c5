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
  AADSTS700084: () => ({ key: 'authSessionExpired', substitutions: [] }),
  AADSTS70008: () => ({ key: 'authSessionExpired', substitutions: [] }),
  AADSTS50173: () => ({ key: 'authSessionExpired', substitutions: [] }),
  AADSTS50076: () => ({ key: 'authStepUpFailed', substitutions: [] }),
  AADSTS50079: () => ({ key: 'authStepUpFailed', substitutions: [] }),
};

/** Codes that mean "a person must sign in (again)", not "something is misconfigured". */
const NEEDS_INTERACTION = new Set([
  'AADSTS50058',
  'AADSTS50076',
  'AADSTS50079',
  'AADSTS700084',
  'AADSTS70008',
  'AADSTS50173',
]);

export function aadstsOf(code: string, detail = ''): string | undefined {
  return /AADSTS\d+/.exec(code)?.[0] ?? /AADSTS\d+/.exec(detail)?.[0];
}

/** True when the failure can be fixed by an interactive sign-in (silent renewal is not enough). */
export function needsInteraction(code: string, detail = ''): boolean {
  if (code === 'interaction_required' || code === 'msal:no_tokens_found' || code === 'msal:no_account_error')
    return true;
  const aadsts = aadstsOf(code, detail);
  return aadsts !== undefined && NEEDS_INTERACTION.has(aadsts);
}

/**
 * Codes that mean the sign-in itself is over (revoked, expired, unknown to Entra): no silent renewal
 * can work until the user signs in again, whatever claims are asked for. Unlike 50076/50079 (more
 * proof needed for one request), these concern every token of the account.
 */
const SESSION_ENDED = new Set(['AADSTS50173', 'AADSTS700084', 'AADSTS70008', 'AADSTS9002313', 'AADSTS50058']);

/** True when the account's sign-in has ended, so cached tokens must not be used and silent renewal will fail. */
export function sessionEnded(code: string, detail = ''): boolean {
  const aadsts = aadstsOf(code, detail);
  return aadsts !== undefined && SESSION_ENDED.has(aadsts);
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
