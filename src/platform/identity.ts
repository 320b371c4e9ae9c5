import { AppError } from '../core/result.ts';
import { thrownText } from '../core/thrown-text.ts';
import { browser } from './browser.ts';
import { t } from './i18n.ts';

/**
 * The redirect URI to register for the extension.
 * - Chromium: `https://<extension id>.chromiumapp.org/`, built from the id rather than taken from
 *   `identity.getRedirectURL()` because the offscreen auth host has no `identity` API; both give
 *   the same string.
 * - Firefox: `https://<SHA-1 of the add-on id, hex>.extensions.allizom.org/`, which only the API
 *   computes; MSAL runs in the background page there, which has it.
 */
export function redirectUri(): string {
  if (__TARGET__ === 'firefox') return browser.identity.getRedirectURL();
  return `https://${browser.runtime.id}.chromiumapp.org/`;
}

/**
 * How long a silent (`interactive: false`) flow may take. Entra answers `prompt=none` with a
 * redirect at once; the wait only matters if a page loads and redirects by script.
 */
const SILENT_TIMEOUT_MS = 5_000;

/**
 * Opens Entra's sign-in in a browser-owned window and resolves with the URL it redirected to.
 * Called from the service worker, so the flow survives the popup closing. With `interactive`
 * false no window ever shows: the flow resolves from a redirect or fails ("interaction required").
 */
export async function launchWebAuthFlow(url: string, interactive: boolean): Promise<string> {
  // Chromium 113+: let a page that redirects by script finish, within the timeout. Firefox's
  // schema does not know these options, so it gets the plain request.
  const silentOptions =
    !interactive && __TARGET__ !== 'firefox'
      ? { abortOnLoadForNonInteractive: false, timeoutMsForNonInteractive: SILENT_TIMEOUT_MS }
      : {};
  try {
    const result = await browser.identity.launchWebAuthFlow({ url, interactive, ...silentOptions });
    if (!result) throw new Error('no redirect URL');
    return result;
  } catch (error) {
    const message = thrownText(error);
    // Chromium: "The user did not approve access." / "User interaction required."
    // Firefox (ext-identity.js): "User cancelled or denied access." / "Requires user interaction".
    if (/did not approve|cancel|closed/i.test(message)) throw new AppError('auth-cancelled', t('authCancelled'));
    if (/interaction required|requires user interaction/i.test(message)) {
      throw new AppError('auth-interaction-required', t('authSignInRequired'));
    }
    throw new AppError('auth-window-failed', t('authWindowFailed', message));
  }
}
