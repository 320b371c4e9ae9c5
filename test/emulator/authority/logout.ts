import type { IncomingMessage } from 'node:http';
import { parseCookies, type Reply, redirect } from '../http.ts';
import type { EmuState } from '../state.ts';
import { signedOutPage } from './pages.ts';
import { CLEAR_SESSION_COOKIE } from './redirect.ts';

/**
 * GET /{tenant}/oauth2/v2.0/logout: ends the browser session, then returns to
 * `post_logout_redirect_uri` only when it is registered, exactly, on the app named by `client_id`
 * (Entra: "This URL must match one of the redirect URIs registered for your application").
 * Anything else (no client_id, an unknown app, an address the app does not list) ends on the
 * signed-out page, never at the address: a logout link must not become an open redirect.
 */
export function handleLogout(state: EmuState, req: IncomingMessage, url: URL): Reply {
  const session = state.authority.sessionFrom(parseCookies(req.headers.cookie));
  if (session) state.authority.sessions.delete(session.id);
  const headers = { 'Set-Cookie': CLEAR_SESSION_COOKIE };
  const target = url.searchParams.get('post_logout_redirect_uri');
  const client = state.scenario.clients.find((c) => c.clientId === url.searchParams.get('client_id'));
  if (target && client?.redirectUris.includes(target)) {
    const st = url.searchParams.get('state');
    const dest = st ? `${target}${target.includes('?') ? '&' : '?'}state=${encodeURIComponent(st)}` : target;
    return redirect(dest, headers);
  }
  return signedOutPage(headers);
}
