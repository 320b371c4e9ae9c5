import type { IncomingMessage } from 'node:http';
import { parseCookies, type Reply, redirect } from '../http.ts';
import type { EmuState } from '../state.ts';
import { signedOutPage } from './pages.ts';
import { CLEAR_SESSION_COOKIE } from './redirect.ts';

/**
 * GET /{tenant}/oauth2/v2.0/logout: ends the browser session, then returns to post_logout_redirect_uri.
 * Lenient on purpose: any registered redirect URI or any https URL is accepted (Entra checks the app's list).
 */
export function handleLogout(state: EmuState, req: IncomingMessage, url: URL): Reply {
  const session = state.authority.sessionFrom(parseCookies(req.headers.cookie));
  if (session) state.authority.sessions.delete(session.id);
  const headers = { 'Set-Cookie': CLEAR_SESSION_COOKIE };
  const target = url.searchParams.get('post_logout_redirect_uri');
  const registered = state.scenario.clients.some((c) => c.redirectUris.includes(target ?? ''));
  if (target && (registered || target.startsWith('https://'))) {
    const st = url.searchParams.get('state');
    const dest = st ? `${target}${target.includes('?') ? '&' : '?'}state=${encodeURIComponent(st)}` : target;
    return redirect(dest, headers);
  }
  return signedOutPage(headers);
}
