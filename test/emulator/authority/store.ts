import { randomBytes } from 'node:crypto';

/** A browser sign-in session (the ESTSAUTH cookie's server side). */
export interface Session {
  id: string;
  userId: string;
  /** Emulator ms of the sign-in. */
  authTimeMs: number;
  mfa: boolean;
  /** Authentication contexts satisfied in this session. */
  acrs: Set<string>;
  /** The user answered "Stay signed in?" with yes: the cookie is persistent (ESTSAUTHPERSISTENT). */
  persistent: boolean;
}

/** What an authorization code stands for until redeemed. */
export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  userId: string;
  scope: string;
  nonce: string | undefined;
  claims: string | undefined;
  mfa: boolean;
  acrs: string[];
  authTimeMs: number;
  issuedMs: number;
  redeemed: boolean;
}

/** A refresh token's server side. SPA refresh tokens keep the expiry of the first one in the chain (24 h). */
export interface RefreshGrant {
  clientId: string;
  userId: string;
  mfa: boolean;
  acrs: string[];
  authTimeMs: number;
  issuedMs: number;
  expiresMs: number;
}

export const SESSION_COOKIE = 'ESTSAUTH';
/** Entra's persistent session cookie, set when the user chose "Stay signed in". */
export const PERSISTENT_SESSION_COOKIE = 'ESTSAUTHPERSISTENT';
/** How long the persistent cookie lives (Entra's persistent browser session default is 90 days). */
export const PERSISTENT_SESSION_MAX_AGE_S = 90 * 24 * 3600;
export const CODE_LIFETIME_MS = 10 * 60_000;
export const SPA_REFRESH_LIFETIME_MS = 24 * 3600_000;

export function opaque(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** All authority-side state. Cleared by reset(); lives in memory only. */
export class AuthorityStore {
  sessions = new Map<string, Session>();
  codes = new Map<string, CodeGrant>();
  refreshTokens = new Map<string, RefreshGrant>();
  /** userId -> emulator ms of the last "revoke sessions" (CAE). */
  revocations = new Map<string, number>();
  /** access token uti -> emulator ms of issue; lets CAE compare at millisecond precision. */
  issuedTokens = new Map<string, number>();

  newSession(userId: string, nowMs: number): Session {
    const s: Session = { id: opaque(), userId, authTimeMs: nowMs, mfa: false, acrs: new Set(), persistent: false };
    this.sessions.set(s.id, s);
    return s;
  }

  /** The browser's session: the session cookie, else the persistent one (after a browser restart). */
  sessionFrom(cookies: Record<string, string>): Session | undefined {
    return (
      this.sessions.get(cookies[SESSION_COOKIE] ?? '') ?? this.sessions.get(cookies[PERSISTENT_SESSION_COOKIE] ?? '')
    );
  }

  newCode(grant: CodeGrant): string {
    const code = `1.${opaque(48)}`;
    this.codes.set(code, grant);
    return code;
  }

  newRefreshToken(grant: RefreshGrant): string {
    const rt = `1.${opaque(64)}`;
    this.refreshTokens.set(rt, grant);
    return rt;
  }

  /** Sign-out everywhere for a user: drops browser sessions; refresh tokens and tokens are judged against the time. */
  revoke(userId: string, nowMs: number): void {
    this.revocations.set(userId, nowMs);
    for (const [id, s] of this.sessions) if (s.userId === userId) this.sessions.delete(id);
  }

  isRevoked(userId: string, issuedMs: number): boolean {
    const at = this.revocations.get(userId);
    return at !== undefined && issuedMs <= at;
  }
}
