import type { Reply } from '../http.ts';
import { type EmuState, findUser } from '../state.ts';
import type { AuthorizeRequest } from './authorize.ts';
import { canSatisfy } from './authorize.ts';
import { satisfied } from './claims.ts';
import { MFA_REQUIRED_TEXT } from './errors.ts';
import { clientInfo } from './mint.ts';
import { mfaPage, signInPage } from './pages.ts';
import { replyError, replyTo, sessionCookie, sessionState } from './redirect.ts';
import { SESSION_COOKIE, type Session } from './store.ts';

/**
 * The interactive part of authorize: who is signed in (cookie, form POST, or autoSignIn), prompt handling,
 * consent, step-up (MFA / auth context), then the code.
 */
export function signIn(state: EmuState, ar: AuthorizeRequest, consentError: Reply | undefined): Reply {
  const now = state.clock.now();
  const store = state.authority;
  const action = `/${ar.tenant}/oauth2/v2.0/authorize`;
  const headers: Record<string, string> = {};
  const fail = (error: string, code: number, text: string) => replyError(ar.target, now, error, code, text, headers);

  let session: Session | undefined;
  let interacted = false;
  if (ar.posted.user) {
    const user = findUser(state, ar.posted.user);
    if (!user) return signInPage(action, ar.params, state.scenario.users, undefined);
    session = store.newSession(user.id, now);
    headers['Set-Cookie'] = sessionCookie(session);
    interacted = true;
  } else {
    session = store.sessions.get(ar.cookies[SESSION_COOKIE] ?? '');
    interacted = ar.posted.mfa !== undefined && session !== undefined;
  }
  const auto = state.settings.autoSignIn;
  if (!session && auto) {
    session = store.newSession(auto, now);
    headers['Set-Cookie'] = sessionCookie(session);
  }
  const wantsPicker = ar.prompt === 'login' || ar.prompt === 'select_account';
  if (!session || (wantsPicker && !interacted && !auto)) {
    if (ar.prompt === 'none')
      return fail('login_required', 50058, 'A silent sign-in request was sent but no user is signed in.');
    return signInPage(action, ar.params, state.scenario.users, ar.params.get('login_hint') ?? undefined, headers);
  }
  if (consentError) return { ...consentError, headers: { ...consentError.headers, ...headers } };

  const user = findUser(state, session.userId);
  if (!user) return fail('invalid_request', 50034, 'The user account does not exist in the directory.');
  if (!satisfied(ar.claims, session)) {
    if (!canSatisfy(state, user.id, ar.claims)) {
      return fail(
        'interaction_required',
        50076,
        `The user '${user.userPrincipalName}' cannot satisfy the requested authentication context '${ar.claims.acrs.join(',')}'.`,
      );
    }
    if (ar.posted.mfa === 'deny')
      return fail('access_denied', 500121, 'Authentication failed during strong authentication request.');
    if (ar.posted.mfa === 'approve' || state.settings.autoApproveMfa) {
      session.mfa = true;
      for (const a of ar.claims.acrs) if (user.authContexts?.includes(a)) session.acrs.add(a);
    } else if (ar.prompt === 'none') {
      return fail('interaction_required', 50076, MFA_REQUIRED_TEXT);
    } else {
      return mfaPage(action, ar.params, user.userPrincipalName, headers);
    }
  }

  const code = store.newCode({
    clientId: ar.client.clientId,
    redirectUri: ar.target.redirectUri,
    codeChallenge: ar.params.get('code_challenge') ?? '',
    userId: user.id,
    scope: ar.params.get('scope') ?? '',
    nonce: ar.params.get('nonce') ?? undefined,
    claims: ar.params.get('claims') ?? undefined,
    mfa: session.mfa,
    acrs: [...session.acrs],
    authTimeMs: session.authTimeMs,
    issuedMs: now,
    redeemed: false,
  });
  const out: Record<string, string> = { code };
  if (ar.params.get('client_info') === '1') out.client_info = clientInfo(user.id, state.scenario.tenant.id);
  out.session_state = sessionState(session);
  return replyTo(ar.target, out, headers);
}
