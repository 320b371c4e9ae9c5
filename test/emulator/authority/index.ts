import type { IncomingMessage } from 'node:http';
import { json, type Reply } from '../http.ts';
import type { EmuState } from '../state.ts';
import { handleAuthorize } from './authorize.ts';
import { handleLogout } from './logout.ts';
import { instanceDiscovery, jwks, openidConfiguration } from './metadata.ts';
import { handleToken, tokenCors } from './token-endpoint.ts';

/** Routes login.microsoftonline.com paths (v2.0 endpoints). Anything unknown is a JSON 404. */
export async function routeAuthority(state: EmuState, req: IncomingMessage, url: URL): Promise<Reply> {
  const method = (req.method ?? 'GET').toUpperCase();
  const parts = url.pathname.split('/').filter(Boolean);
  const tenant = decodeURIComponent(parts[0] ?? '');
  const rest = parts.slice(1).join('/');
  if (method === 'OPTIONS') {
    return {
      status: 204,
      headers: {
        ...tokenCors(req),
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
        'Access-Control-Max-Age': '86400',
      },
    };
  }
  if (method === 'GET' && rest === 'v2.0/.well-known/openid-configuration') return openidConfiguration(state, tenant);
  if (method === 'GET' && (rest === 'discovery/v2.0/keys' || rest === 'discovery/keys')) return jwks(state, tenant);
  if (method === 'GET' && rest === 'discovery/instance') return instanceDiscovery(state, url);
  if ((method === 'GET' || method === 'POST') && rest === 'oauth2/v2.0/authorize')
    return handleAuthorize(state, req, url, tenant);
  if (method === 'POST' && rest === 'oauth2/v2.0/token') return handleToken(state, req, tenant);
  if ((method === 'GET' || method === 'POST') && rest === 'oauth2/v2.0/logout') return handleLogout(state, req, url);
  return json(404, {
    error: 'not_found',
    error_description: `The emulator has no authority endpoint ${method} ${url.pathname}`,
  });
}
