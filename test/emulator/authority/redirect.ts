import { createHash } from 'node:crypto';
import { type Reply, redirect } from '../http.ts';
import { aadsts } from './errors.ts';
import { SESSION_COOKIE, type Session } from './store.ts';

export type ResponseMode = 'query' | 'fragment';

/** Where the authorize response goes once the redirect URI is trusted. */
export interface ReplyTarget {
  redirectUri: string;
  mode: ResponseMode;
  state: string | undefined;
}

export function sessionCookie(session: Session): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(session.id)}; path=/; secure; HttpOnly; SameSite=None`;
}

export const CLEAR_SESSION_COOKIE = `${SESSION_COOKIE}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; secure; HttpOnly; SameSite=None`;

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
