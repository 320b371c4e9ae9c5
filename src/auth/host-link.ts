import type { Result } from '../core/result.ts';
import { settle } from '../platform/channel.ts';
import { ensureAuthHost } from '../platform/offscreen.ts';
import { authHostChannel } from './channel.ts';
import type { AuthHostMap } from './protocol.ts';

// How the background reaches the auth host, the code that runs MSAL (host/operations.ts, the same
// on every browser). MSAL needs a DOM and localStorage:
// - Chromium's MV3 background is a service worker without either, so MSAL runs in an offscreen
//   document and is reached over the auth-host channel.
// - Firefox has no offscreen API, but its MV3 background is an event page with a DOM: MSAL runs in
//   the background page itself, loaded on first use. (runtime.sendMessage never reaches the
//   sender's own page, so the channel could not be used there anyway.)

type AuthHostType = keyof AuthHostMap & string;

export interface AuthHostLink {
  send<K extends AuthHostType>(
    type: K,
    request: AuthHostMap[K]['request'],
  ): Promise<Result<AuthHostMap[K]['response']>>;
}

export const offscreenHost: AuthHostLink = {
  async send(type, request) {
    await ensureAuthHost();
    return authHostChannel.send(type, request);
  },
};

export const inPageHost: AuthHostLink = {
  async send<K extends AuthHostType>(type: K, request: AuthHostMap[K]['request']) {
    // Loaded on demand: an event page that wakes for an alarm should not parse MSAL first.
    const { operations } = await import('./host/operations.ts');
    const operation = operations[type] as (r: AuthHostMap[K]['request']) => Promise<AuthHostMap[K]['response']>;
    return settle(authHostChannel.name, type, () => operation(request));
  },
};

/**
 * The auth host for the browser this build is for. `__TARGET__` is a build-time constant, so the
 * bundler drops the other branch: Firefox's package carries no offscreen code (which `web-ext lint`
 * reports as an unsupported API) and Chromium's service worker no MSAL.
 */
export function authHost(): AuthHostLink {
  return __TARGET__ === 'firefox' ? inPageHost : offscreenHost;
}
