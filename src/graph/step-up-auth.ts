import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import {
  claimsFromPimMessage,
  claimsFromWwwAuthenticate,
  failedPolicyRules,
  MFA_CLAIMS,
  mergeClaims,
} from '../core/claims.ts';
import { thrownText } from '../core/thrown-text.ts';
import { GraphCallOptions } from './call-options.ts';

export type TokenSource = (
  scopes: readonly string[],
  options: { claims?: string; interactive: boolean; fresh?: boolean; prompt?: 'login' },
) => Promise<{ token: string; viaWindow: boolean }>;

/**
 * The SDK turns anything a middleware throws into a GraphError that keeps only the error's name and
 * message. A token failure (sign-in needed, consent missing) must reach the user as itself, so its
 * code travels in the name; `errors.ts` turns it back.
 */
export const TOKEN_FAILURE = 'TokenFailure:';

async function tokenOrFailure(
  getToken: TokenSource,
  ...args: Parameters<TokenSource>
): Promise<{ token: string; viaWindow: boolean }> {
  try {
    return await getToken(...args);
  } catch (error) {
    const code =
      error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'token-failed';
    const failure = new Error(thrownText(error));
    failure.name = `${TOKEN_FAILURE}${code}`;
    throw failure;
  }
}

/**
 * Adds the bearer token, and answers a claims challenge without looping and with at most one
 * sign-in window per request:
 * - a 401 with `insufficient_claims` (continuous access evaluation) or PIM's
 *   `RoleAssignmentRequestAcrsValidationFailed` (claims in a 400 or 403 message): one token with
 *   those claims, one repeat;
 * - a plain 401 (token expired or revoked mid-request): one repeat with a fresh token;
 * - PIM's `MfaRule`: the fallbacks in `answerMfa`.
 * A challenge still standing after that is returned to the caller, who names it.
 */
export class StepUpAuthHandler implements Middleware {
  private next?: Middleware;

  constructor(private readonly getToken: TokenSource) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const options = context.middlewareControl?.getMiddlewareOptions(GraphCallOptions) as GraphCallOptions | undefined;
    const scopes = options?.scopes ?? [];
    const interactive = options?.interactive ?? false;
    const initialClaims = options?.claims;

    // A token that cannot be had is a sign-in problem, never a network one: it travels as itself.
    const first = await tokenOrFailure(this.getToken, scopes, {
      interactive,
      ...(initialClaims ? { claims: initialClaims } : {}),
    });
    await this.send(context, first.token);
    const challenge = context.response ? await findChallenge(context.response) : undefined;
    if (challenge === undefined) return;
    if (challenge === 'mfa') {
      await this.answerMfa(context, { scopes, interactive, initialClaims, windowShown: first.viaWindow });
      return;
    }
    const claims = challenge === 'expired' ? initialClaims : mergeClaims(initialClaims, challenge);
    const token = await tokenOrFailure(this.getToken, scopes, {
      interactive,
      fresh: true,
      ...(claims ? { claims } : {}),
    });
    await this.send(context, token.token);
  }

  /**
   * PIM says the token lacks MFA. Entra documents MFA at activation as coming from the session, and
   * no claims value for plain MFA; in order of evidence:
   * 1. a token for the reserved context `p1` (what Microsoft's tools ask for to get MFA; see
   *    `MFA_CLAIMS`): silently if the session did MFA, else one window with the MFA prompt;
   * 2. if that came without a window and PIM still refuses: one fresh sign-in (`prompt=login`);
   * 3. then PIM's refusal goes back to the caller, whose sentence links to the Entra admin center.
   */
  private async answerMfa(
    context: Context,
    ask: { scopes: readonly string[]; interactive: boolean; initialClaims: string | undefined; windowShown: boolean },
  ): Promise<void> {
    const { scopes, interactive } = ask;
    const claims = mergeClaims(ask.initialClaims, MFA_CLAIMS) as string;
    let windowShown = ask.windowShown;
    if (claims !== ask.initialClaims) {
      const stepped = await tokenOrFailure(this.getToken, scopes, { interactive, fresh: true, claims });
      await this.send(context, stepped.token);
      windowShown ||= stepped.viaWindow;
      if (!context.response || (await findChallenge(context.response)) !== 'mfa') return;
    }
    if (!interactive || windowShown) return;
    const fresh = await tokenOrFailure(this.getToken, scopes, { interactive, fresh: true, claims, prompt: 'login' });
    await this.send(context, fresh.token);
  }

  private async send(context: Context, token: string): Promise<void> {
    setHeader(context, 'Authorization', `Bearer ${token}`);
    await this.next?.execute(context);
  }
}

function setHeader(context: Context, name: string, value: string): void {
  const options = context.options ?? {};
  context.options = options;
  const headers = options.headers;
  if (headers instanceof Headers) headers.set(name, value);
  else options.headers = { ...(headers as Record<string, string> | undefined), [name]: value };
}

/**
 * Claims JSON for a challenge, 'expired' for a plain 401, 'mfa' for PIM's MfaRule alone, or
 * undefined when there is nothing to answer.
 */
async function findChallenge(response: Response): Promise<string | 'expired' | 'mfa' | undefined> {
  const fromHeader = claimsFromWwwAuthenticate(response.headers.get('WWW-Authenticate'));
  if (fromHeader) return fromHeader;
  if (response.status === 401) return 'expired';
  // PIM's authentication-context refusal has been reported as a 400 and, for other PIM APIs, a 403.
  if (response.status !== 400 && response.status !== 403) return undefined;
  const error = await response
    .clone()
    .json()
    .then((body: { error?: { code?: string; message?: string } }) => body.error)
    .catch(() => undefined);
  if (!error?.message) return undefined;
  if (error.code === 'RoleAssignmentRequestAcrsValidationFailed') return claimsFromPimMessage(error.message);
  // MFA alone: a request that also breaks another rule (duration, reason) must be changed by the user first.
  const rules = failedPolicyRules(error.message);
  if (error.code === 'RoleAssignmentRequestPolicyValidationFailed' && rules.length === 1 && rules[0] === 'MfaRule') {
    return 'mfa';
  }
  return undefined;
}
