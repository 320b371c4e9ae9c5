import { AppError } from '../core/result.ts';
import { browser } from './browser.ts';
import { t } from './i18n.ts';

/**
 * The redirect URI to register for the extension (Chromium: `https://<extension id>.chromiumapp.org/`).
 * Built from the id, not `identity.getRedirectURL()`, because the offscreen auth host has no
 * `identity` API; both give the same string.
 */
export function redirectUri(): string {
  return `https://${browser.runtime.id}.chromiumapp.org/`;
}

/**
 * Opens Entra's sign-in in a browser-owned window and resolves with the URL it redirected to.
 * Called from the service worker, so the flow survives the popup closing.
 */
export async function launchWebAuthFlow(url: string, interactive: boolean): Promise<string> {
  try {
    const result = await browser.identity.launchWebAuthFlow({ url, interactive });
    if (!result) throw new Error('no redirect URL');
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Chromium's wording: "The user did not approve access." / "User interaction required."
    if (/did not approve|cancel|closed/i.test(message)) throw new AppError('auth-cancelled', t('authCancelled'));
    if (/interaction required/i.test(message)) throw new AppError('auth-interaction-required', t('authSignInRequired'));
    throw new AppError('auth-window-failed', t('authWindowFailed', message));
  }
}
