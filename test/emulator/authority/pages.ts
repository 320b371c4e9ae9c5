import type { Scenario } from '../contract.ts';
import type { Reply } from '../http.ts';

const HTML = 'text/html; charset=utf-8';

export function esc(s: string): string {
  // Attributes are always double-quoted, so apostrophes (common in AADSTS texts) can stay readable.
  return s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A bare page: no external resources, so it renders the same offline and in headless Chromium. */
export function page(status: number, title: string, body: string, headers: Record<string, string> = {}): Reply {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}button{display:block;width:100%;margin:.5rem 0;padding:.6rem;font-size:1rem;text-align:left}</style>
</head><body><main>${body}</main></body></html>`;
  return { status, headers: { 'Content-Type': HTML, 'Cache-Control': 'no-store', ...headers }, body: html };
}

/**
 * Entra shows these with status 200: the page loads, the user reads it. (A 4xx would make
 * Chromium's launchWebAuthFlow fail with "Authorization page could not be loaded." instead.)
 */
export function errorPage(message: string): Reply {
  return page(
    200,
    'Sign in',
    `<h1>Sorry, but we're having trouble signing you in.</h1><p role="alert">${esc(message)}</p>`,
  );
}

/** Every original authorize parameter as hidden inputs, so the form POST repeats the request. */
function hidden(params: URLSearchParams): string {
  return [...params]
    .filter(([k]) => !k.startsWith('emu_'))
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
}

export function signInPage(
  action: string,
  params: URLSearchParams,
  users: Scenario['users'],
  loginHint: string | undefined,
  headers?: Record<string, string>,
): Reply {
  const hint = loginHint?.toLowerCase();
  const sorted = [...users].sort(
    (a, b) => Number(b.userPrincipalName.toLowerCase() === hint) - Number(a.userPrincipalName.toLowerCase() === hint),
  );
  const buttons = sorted
    .map(
      (u) =>
        `<button type="submit" name="emu_user" value="${esc(u.id)}">${esc(u.displayName)} (${esc(u.userPrincipalName)})</button>`,
    )
    .join('');
  return page(
    200,
    'Sign in to your account',
    `<h1>Pick an account</h1><form method="post" action="${esc(action)}" aria-label="Pick an account">${hidden(params)}${buttons}</form>`,
    headers,
  );
}

export function mfaPage(action: string, params: URLSearchParams, upn: string, headers?: Record<string, string>): Reply {
  return page(
    200,
    'Approve sign-in request',
    `<h1>Approve sign-in request</h1><p>${esc(upn)}</p><p>Open your Authenticator app and approve the request to sign in.</p>
<form method="post" action="${esc(action)}" aria-label="Approve sign-in request">${hidden(params)}
<button type="submit" name="emu_mfa" value="approve">Approve</button>
<button type="submit" name="emu_mfa" value="deny">I can't use my Microsoft Authenticator app right now</button></form>`,
    headers,
  );
}

/** Entra's "Stay signed in?" (KMSI) question after an interactive sign-in. */
export function kmsiPage(action: string, params: URLSearchParams, headers?: Record<string, string>): Reply {
  return page(
    200,
    'Stay signed in?',
    `<h1>Stay signed in?</h1><p>Do this to reduce the number of times you are asked to sign in.</p>
<form method="post" action="${esc(action)}" aria-label="Stay signed in?">${hidden(params)}
<button type="submit" name="emu_kmsi" value="yes">Yes</button>
<button type="submit" name="emu_kmsi" value="no">No</button></form>`,
    headers,
  );
}

export function signedOutPage(headers: Record<string, string>): Reply {
  return page(
    200,
    'Sign out',
    "<h1>You have signed out of your account</h1><p>It's a good idea to close all browser windows.</p>",
    headers,
  );
}
