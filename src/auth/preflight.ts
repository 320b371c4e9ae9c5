import { aadstsInPage } from '../core/auth-errors.ts';
import { authorityUrl, type Connection } from '../core/connection.ts';
import { redirectUri } from '../platform/identity.ts';

/**
 * When a sign-in window is closed, Entra may have been showing an error page instead of a sign-in
 * form (unknown client id, unknown tenant, unregistered redirect URI): those never redirect back,
 * so the extension only sees "cancelled". This asks the authorize endpoint once, without cookies
 * and with prompt=none, and reads the AADSTS code off such a page. A redirect means the
 * registration is fine. Returns the AADSTS code, or undefined.
 */
export async function findRegistrationProblem(connection: Connection): Promise<string | undefined> {
  const url = new URL(`${authorityUrl(connection)}/oauth2/v2.0/authorize`);
  url.search = new URLSearchParams({
    client_id: connection.clientId,
    response_type: 'code',
    redirect_uri: redirectUri(),
    scope: 'openid',
    response_mode: 'fragment',
    prompt: 'none',
    state: 'registration-check',
    // Any well-formed S256 challenge: no code is ever redeemed from this request.
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  }).toString();
  try {
    const response = await fetch(url, { redirect: 'manual', credentials: 'omit' });
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) return undefined;
    return aadstsInPage(await response.text());
  } catch {
    return undefined; // offline or blocked: nothing more specific to say
  }
}
