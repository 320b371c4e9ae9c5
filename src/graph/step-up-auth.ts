import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import {
  claimsFromPimMessage,
  claimsFromWwwAuthenticate,
  failedPolicyRules,
  MFA_CLAIMS,
  mergeClaims,
} from '../core/claims.ts';
import { GraphCallOptions } from './call-options.ts';

export type TokenSource = (
  scopes: readonly string[],
  options: { claims?: string; interactive: boolean; fresh?: boolean },
) => Promise<string>;

/**
 * Adds the bearer token, and answers a claims challenge exactly once: a 401 with
 * `insufficient_claims`, PIM's 400 `RoleAssignmentRequestAcrsValidationFailed` (claims in the
 * message) or a failed `MfaRule`. It gets a token with those claims (a sign-in window only for
 * interactive calls) and repeats the request once; a second challenge is returned to the caller,
 * never answered in a loop. A plain 401 (token expired or revoked mid-request) is retried once
 * with a freshly acquired token.
 */
/**
 * The SDK turns anything a middleware throws into a GraphError that keeps only the error's name and
 * message. A token failure (sign-in needed, consent missing) must reach the user as itself, so its
 * code travels in the name; `errors.ts` turns it back.
 */
export const TOKEN_FAILURE = 'TokenFailure:';

async function tokenOrFailure(getToken: TokenSource, ...args: Parameters<TokenSource>): Promise<string> {
  try {
    return await getToken(...args);
  } catch (error) {
    const code =
      error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'token-failed';
    const failure = new Error(error instanceof Error ? error.message : String(error));
    failure.name = `${TOKEN_FAILURE}${code}`;
    throw failure;
  }
}

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

    await this.send(
      context,
      await this.getToken(scopes, { interactive, ...(initialClaims ? { claims: initialClaims } : {}) }),
    );
    const response = context.response;
    if (!response) return;

    const challenge = await findChallenge(response);
    if (challenge === undefined) return;
    const claims = challenge === 'expired' ? initialClaims : mergeClaims(initialClaims, challenge);
    const token = await tokenOrFailure(this.getToken, scopes, {
      interactive,
      fresh: true,
      ...(claims ? { claims } : {}),
    });
    await this.send(context, token);
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

/** Claims JSON for a challenge, 'expired' for a plain 401, or undefined when there is nothing to answer. */
async function findChallenge(response: Response): Promise<string | 'expired' | undefined> {
  const fromHeader = claimsFromWwwAuthenticate(response.headers.get('WWW-Authenticate'));
  if (fromHeader) return fromHeader;
  if (response.status === 401) return 'expired';
  if (response.status !== 400) return undefined;
  const error = await response
    .clone()
    .json()
    .then((body: { error?: { code?: string; message?: string } }) => body.error)
    .catch(() => undefined);
  if (!error?.message) return undefined;
  if (error.code === 'RoleAssignmentRequestAcrsValidationFailed') return claimsFromPimMessage(error.message);
  if (
    error.code === 'RoleAssignmentRequestPolicyValidationFailed' &&
    failedPolicyRules(error.message).includes('MfaRule')
  ) {
    return MFA_CLAIMS;
  }
  return undefined;
}
