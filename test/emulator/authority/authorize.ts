import type { IncomingMessage } from 'node:http';
import { parseCookies, type Reply, readBody } from '../http.ts';
import { type EmuState, findClient, findUser, tenantKnown } from '../state.ts';
import { type ClaimsRequest, MFA_CONTEXT, parseClaims } from './claims.ts';
import { errorPage } from './pages.ts';
import { type ReplyTarget, replyError } from './redirect.ts';
import { missingConsent, parseScopes } from './scopes.ts';
import { signIn } from './sign-in.ts';

/** What survives validation: the client, where to answer, the parsed request. */
export interface AuthorizeRequest {
  tenant: string;
  params: URLSearchParams;
  client: EmuState['scenario']['clients'][number];
  target: ReplyTarget;
  claims: ClaimsRequest;
  prompt: string | undefined;
  cookies: Record<string, string>;
  /** Which form the user just submitted on our pages, if any. */
  posted: { user?: string; mfa?: string; kmsi?: string };
}

const NOT_CONSENTED = (id: string, name: string) =>
  `The user or administrator has not consented to use the application with ID '${id}' named '${name}'. Send an interactive authorization request for this user and resource.`;

/** GET|POST /{tenant}/oauth2/v2.0/authorize */
export async function handleAuthorize(state: EmuState, req: IncomingMessage, url: URL, tenant: string): Promise<Reply> {
  const params = req.method === 'POST' ? new URLSearchParams(await readBody(req)) : url.searchParams;
  const v = validate(state, params, tenant);
  if ('status' in v) return v;
  const ar: AuthorizeRequest = {
    ...v,
    tenant,
    params,
    cookies: parseCookies(req.headers.cookie),
    posted: {
      user: params.get('emu_user') ?? undefined,
      mfa: params.get('emu_mfa') ?? undefined,
      kmsi: params.get('emu_kmsi') ?? undefined,
    },
  };
  const scopes = parseScopes(params.get('scope') ?? undefined);
  const missing = missingConsent(scopes, ar.client.consentedScopes);
  const consentError = missing.length
    ? replyError(
        ar.target,
        state.clock.now(),
        'consent_required',
        65001,
        NOT_CONSENTED(ar.client.clientId, ar.client.displayName),
      )
    : undefined;
  return signIn(state, ar, consentError);
}

type Valid = Pick<AuthorizeRequest, 'client' | 'target' | 'claims' | 'prompt'>;

function validate(state: EmuState, params: URLSearchParams, tenant: string): Valid | Reply {
  const now = state.clock.now();
  const p = (k: string) => params.get(k) ?? undefined;
  if (!tenantKnown(state, tenant)) {
    return errorPage(
      `AADSTS90002: Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    );
  }
  const clientId = p('client_id');
  if (!clientId) return errorPage("AADSTS900144: The request body must contain the following parameter: 'client_id'.");
  const client = findClient(state, clientId);
  if (!client)
    return errorPage(
      `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );
  const redirectUri = p('redirect_uri') ?? '';
  if (!client.redirectUris.includes(redirectUri)) {
    return errorPage(
      `AADSTS50011: The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${client.clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
    );
  }
  const rm = p('response_mode');
  const target: ReplyTarget = { redirectUri, mode: rm === 'query' ? 'query' : 'fragment', state: p('state') };
  const fail = (error: string, code: number, text: string) => replyError(target, now, error, code, text);
  if (rm !== undefined && rm !== 'query' && rm !== 'fragment') {
    return fail('invalid_request', 900031, `The response_mode '${rm}' is not supported for this request.`);
  }
  if (p('response_type') !== 'code') {
    return fail(
      'unsupported_response_type',
      700054,
      `response_type '${p('response_type') ?? ''}' is not enabled for the application.`,
    );
  }
  if (!p('scope'))
    return fail('invalid_request', 900144, "The request body must contain the following parameter: 'scope'.");
  if (!p('code_challenge')) {
    return fail(
      'invalid_request',
      9002325,
      'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
    );
  }
  if (p('code_challenge_method') !== 'S256') {
    return fail(
      'invalid_request',
      9002325,
      "Proof Key for Code Exchange with code_challenge_method 'S256' is required for this application.",
    );
  }
  const claims = parseClaims(p('claims'), state.settings.honourAmrClaims);
  if (!claims) return fail('invalid_request', 90100, 'claims parameter is empty or not valid.');
  return { client, target, claims, prompt: p('prompt') };
}

/** True when this user can satisfy at least one requested context (MFA, and so `p1`, is always possible). */
export function canSatisfy(state: EmuState, userId: string, claims: ClaimsRequest): boolean {
  if (claims.acrs.length === 0) return true;
  const user = findUser(state, userId);
  return claims.acrs.some((a) => a === MFA_CONTEXT || user?.authContexts?.includes(a));
}
