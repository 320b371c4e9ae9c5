import type { Reply } from '../http.ts';
import { type EmuState, findUser } from '../state.ts';
import type { AuthorizeRequest } from './authorize.ts';
import { canSatisfy } from './authorize.ts';
import { type ClaimsRequest, MFA_CONTEXT, satisfied } from './claims.ts';
import { MFA_REQUIRED_TEXT } from './errors.ts';
import { clientInfo } from './mint.ts';
import { kmsiPage, mfaPage, signInPage } from './pages.ts';
import { replyError, replyTo, sessionCookie, sessionState } from './redirect.ts';
import type { Session } from './store.ts';

type User = EmuState['scenario']['users'][number];

/**
 * The interactive part of authorize: who is signed in (session cookie, persistent cookie, form POST,
 * or autoSignIn), prompt handling, "Stay signed in?", consent, step-up (MFA / auth context), then
 * the code. `prompt=none` never shows a page and never performs MFA: it answers from the session or
 * fails with `login_required` / `interaction_required`, as Entra documents for silent requests.
 */
export function signIn(state: EmuState, ar: AuthorizeRequest, consentError: Reply | undefined): Reply {
  const now = state.clock.now();
  const store = state.authority;
  const action = `/${ar.tenant}/oauth2/v2.0/authorize`;
  const headers: Record<string, string> = {};
  const fail = (error: string, code: number, text: string) => replyError(ar.target, now, error, code, text, headers);
  const silent = ar.prompt === 'none';
  const auto = state.settings.autoSignIn;

  let session: Session | undefined;
  let interacted = false;
  if (ar.posted.user) {
    const user = findUser(state, ar.posted.user);
    if (!user) return signInPage(action, ar.params, state.scenario.users, undefined);
    session = store.newSession(user.id, now);
    headers['Set-Cookie'] = sessionCookie(session);
    interacted = true;
    if (state.settings.staySignedIn === 'ask') return kmsiPage(action, ar.params, headers);
    session.persistent = state.settings.staySignedIn === 'yes';
    headers['Set-Cookie'] = sessionCookie(session);
  } else {
    session = store.sessionFrom(ar.cookies);
    interacted = (ar.posted.mfa !== undefined || ar.posted.kmsi !== undefined) && session !== undefined;
    if (session && ar.posted.kmsi !== undefined) {
      session.persistent = ar.posted.kmsi === 'yes';
      headers['Set-Cookie'] = sessionCookie(session);
    }
  }
  // autoSignIn stands for a user who signs in when asked: a fresh sign-in for prompt=login, never for
  // prompt=none. At Entra's account picker (prompt=select_account) that user picks their own
  // account: a session of someone else's in the browser is not theirs to continue.
  const picksAnother =
    ar.prompt === 'select_account' && !interacted && session !== undefined && session.userId !== auto;
  const freshSignIn = !session || (ar.prompt === 'login' && !interacted) || picksAnother;
  if (auto && freshSignIn && !silent) {
    session = store.newSession(auto, now);
    session.persistent = state.settings.staySignedIn === 'yes';
    headers['Set-Cookie'] = sessionCookie(session);
    interacted = true;
  }
  const wantsPicker = ar.prompt === 'login' || ar.prompt === 'select_account';
  if (!session || (wantsPicker && !interacted && !auto)) {
    if (silent) return fail('login_required', 50058, 'A silent sign-in request was sent but no user is signed in.');
    return signInPage(action, ar.params, state.scenario.users, ar.params.get('login_hint') ?? undefined, headers);
  }
  const user = findUser(state, session.userId);
  if (!user) return fail('invalid_request', 50034, 'The user account does not exist in the directory.');
  const hint = ar.params.get('login_hint')?.toLowerCase();
  if (silent && hint && hint !== user.userPrincipalName.toLowerCase()) {
    // The only session is someone else's: Entra asks the user to pick an account.
    return fail(
      'interaction_required',
      16000,
      'Either multiple user identities are available for the current request or selected account is not supported for the scenario.',
    );
  }
  if (consentError) return { ...consentError, headers: { ...consentError.headers, ...headers } };

  const stepUp = stepUpFor(state, user, session, ar.claims);
  if (stepUp === 'blocked') {
    return fail(
      'access_denied',
      53003,
      'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    );
  }
  if (stepUp === 'mfa') {
    if (ar.posted.mfa === 'deny')
      return fail('access_denied', 500121, 'Authentication failed during strong authentication request.');
    if (!silent && (ar.posted.mfa === 'approve' || state.settings.autoApproveMfa)) {
      session.mfa = true;
      for (const a of ar.claims.acrs) if (a === MFA_CONTEXT || user.authContexts?.includes(a)) session.acrs.add(a);
    } else if (silent) {
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
  if (ar.params.get('client_info') === '1') out.client_info = homeClientInfo(state, user);
  out.session_state = sessionState(session);
  return replyTo(ar.target, out, headers);
}

/**
 * What the session still needs before a code: nothing, an MFA step (Conditional Access at sign-in,
 * `p1`, or an auth context the user can satisfy), or a block (a context this user cannot meet).
 */
function stepUpFor(state: EmuState, user: User, session: Session, claims: ClaimsRequest): 'none' | 'mfa' | 'blocked' {
  const p1RequiresMfa = state.settings.p1RequiresMfa;
  if (user.mfaAtSignIn && !session.mfa) return 'mfa';
  if (!p1RequiresMfa && claims.acrs.includes(MFA_CONTEXT)) session.acrs.add(MFA_CONTEXT);
  if (satisfied(claims, session, p1RequiresMfa)) return 'none';
  return canSatisfy(state, user.id, claims) ? 'mfa' : 'blocked';
}

/** client_info names the home account: for a B2B guest, the home tenant's ids (MSAL's homeAccountId). */
export function homeClientInfo(state: EmuState, user: User): string {
  return user.home ? clientInfo(user.home.objectId, user.home.tenantId) : clientInfo(user.id, state.scenario.tenant.id);
}
