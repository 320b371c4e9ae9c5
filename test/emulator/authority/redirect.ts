import { createHash } from 'node:crypto';
import { type Reply, redirect } from '../http.ts';
import { aadsts } from './errors.ts';
import { PERSISTENT_SESSION_COOKIE, PERSISTENT_SESSION_MAX_AGE_S, SESSION_COOKIE, type Session } from './store.ts';

export type ResponseMode = 'query' | 'fragment';

/** Where the authorize response goes once the redirect URI is trusted. */
export interface ReplyTarget {
  redirectUri: string;
  mode: ResponseMode;
  state: string | undefined;
}

const ATTRIBUTES = 'path=/; secure; HttpOnly; SameSite=None';

/**
 * The session cookie ESTSAUTH (gone when the browser closes) and, for "Stay signed in", the
 * persistent ESTSAUTHPERSISTENT as well. Several Set-Cookie values travel joined by "\n" (http.ts).
 */
export function sessionCookie(session: Session): string {
  const id = encodeURIComponent(session.id);
  const cookies = [`${SESSION_COOKIE}=${id}; ${ATTRIBUTES}`];
  if (session.persistent)
    cookies.push(`${PERSISTENT_SESSION_COOKIE}=${id}; Max-Age=${PERSISTENT_SESSION_MAX_AGE_S}; ${ATTRIBUTES}`);
  return cookies.join('\n');
}

const EXPIRED = 'expires=Thu, 01 Jan 1970 00:00:00 GMT';
export const CLEAR_SESSION_COOKIE = [SESSION_COOKIE, PERSISTENT_SESSION_COOKIE]
  .map((name) => `${name}=; ${EXPIRED}; ${ATTRIBUTES}`)
  .join('\n');

/** Redirects back to the client with the parameters in the fragment or the query, as requested. */
export function replyTo(target: ReplyTarget, params: Record<string, string>, headers?: Record<string, string>): Reply {
  const p = new URLSearchParams(params);
  if (target.state !== undefined) p.set('state', target.state);
  const sep = target.mode === 'fragment' ? '#' : target.redirectUri.includes('?') ? '&' : '?';
  return redirect(`${target.redirectUri}${sep}${p.toString()}`, headers);
}

/** An OAuth error sent back to the redirect URI: error, error_description, state. */
export function replyError(
  target: ReplyTarget,
  nowMs: number,
  error: string,
  code: number,
  text: string,
  headers?: Record<string, string>,
): Reply {
  return replyTo(target, { error, error_description: aadsts(code, text, nowMs) }, headers);
}

/** Entra's session_state: an opaque, stable value per session. */
export function sessionState(session: Session): string {
  return createHash('sha256').update(session.id).digest('hex').slice(0, 36);
}
