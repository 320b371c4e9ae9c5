import { activeAccount } from '../auth/accounts.ts';
import { authorityUrl } from '../core/connection.ts';
import { appendBounded } from '../core/list.ts';
import { safeHttpsUrl } from '../core/safe-url.ts';
import { readConnection } from '../platform/connection.ts';
import { launchWebAuthFlow, redirectUri } from '../platform/identity.ts';
import { log } from '../platform/log.ts';
import { managedNotificationsItem, readNotificationSettings } from '../platform/managed-settings.ts';
import { notificationSettingsItem, STALE_ACCESS_OPT_OUTS_MAX } from '../platform/notification-items.ts';
import { clearNotification } from '../platform/notifications.ts';
import { openPopupOrTab } from '../platform/open-popup.ts';
import { presetAppUrlFor } from '../platform/presets.ts';
import { openTab } from '../platform/tabs.ts';
import { isApprovalNotification } from './approvals.ts';
import { queueReactivation } from './reactivation.ts';

// What the buttons of the watcher's notifications do. Plain exported functions: the e2e tests
// call them through the worker, and `onNotificationButton` routes Chromium's clicks to them.

/** The app page opened after signing out, unless the user or the organisation named another. */
export const DEFAULT_SIGN_IN_URL = 'https://myapps.microsoft.com/';

/**
 * The app page to open after signing out: the organisation's, when its policy sets one; else the
 * app of the user's own preset that activated the item (`key`) in the last day (an imported
 * preset keeps its app only when the user confirmed it in the import review); else the user's
 * setting; else My Apps.
 */
async function appPage(key: string | undefined): Promise<string> {
  const [presetApp, { value: settings, locked }] = await Promise.all([
    key ? presetAppUrlFor(key) : undefined,
    readNotificationSettings(),
  ]);
  if (locked.has('appUrl')) return safeHttpsUrl(settings.appUrl) ?? DEFAULT_SIGN_IN_URL;
  return safeHttpsUrl(presetApp) ?? safeHttpsUrl(settings.appUrl) ?? DEFAULT_SIGN_IN_URL;
}

/**
 * Microsoft's advice when apps still hold the old membership: sign out and back in. Runs Entra's
 * v2 logout in the browser's auth window, as Entra documents it: `client_id` and the extension's
 * own registered redirect URI as `post_logout_redirect_uri` (Entra honours only an address
 * registered on that app), and `logout_hint` only with the id token's `login_hint` claim (never a
 * UPN). Back in the extension, it opens the app page, where the app signs in afresh. The page
 * opens even when the window was closed early: the user asked to get back to work.
 */
export async function signOutAndIn(key?: string): Promise<{ logoutUrl: string; page: string }> {
  const [{ connection }, account] = await Promise.all([readConnection(), activeAccount()]);
  const url = new URL(`${authorityUrl(connection)}/oauth2/v2.0/logout`);
  url.searchParams.set('client_id', connection.clientId);
  url.searchParams.set('post_logout_redirect_uri', redirectUri());
  if (account?.loginHint) url.searchParams.set('logout_hint', account.loginHint);
  const logoutUrl = url.toString();
  try {
    await launchWebAuthFlow(logoutUrl, true);
  } catch (error) {
    log.warn('sign-out', 'the sign-out window did not return to the extension', error);
  }
  const page = await appPage(key);
  await openTab(page);
  return { logoutUrl, page };
}

/** "Don't ask for this group": no more sign-out prompts for this item (never when the policy sets them). */
export async function optOutOfStaleAccess(key: string): Promise<void> {
  // A notification shown before the policy arrived still has the button: it does nothing now.
  if ((await managedNotificationsItem.get())?.staleAccess !== undefined) return;
  await notificationSettingsItem.update((settings) =>
    settings.staleAccessOptOut.includes(key)
      ? settings
      : { ...settings, staleAccessOptOut: appendBounded(settings.staleAccessOptOut, key, STALE_ACCESS_OPT_OUTS_MAX) },
  );
}

/** Event ids are "<kind>:<groupId>:<accessId>:<time>" (see core/watch.ts). */
function parseId(id: string): { kind: string; key: string; time: number } {
  const [kind = '', groupId = '', accessId = '', time = ''] = id.split(':');
  return { kind, key: `${groupId}:${accessId}`, time: Number(time) };
}

/**
 * A click on the body of any of our notifications opens the popup, where the group (or the request
 * waiting on the user) is. Firefox shows no buttons, so there this is the only way in; nothing is
 * ever activated, approved or denied from a notification.
 */
export async function onNotificationClick(id: string): Promise<void> {
  await openPopupOrTab();
  await clearNotification(id);
}

export async function onNotificationButton(id: string, index: number): Promise<void> {
  if (isApprovalNotification(id)) return onNotificationClick(id);
  const { kind, key, time } = parseId(id);
  if ((kind === 'activated' || kind === 'ended') && index === 0) await signOutAndIn(key);
  else if ((kind === 'activated' || kind === 'ended') && index === 1) await optOutOfStaleAccess(key);
  // Out of date, or the policy now asks for something: the popup, where the user can activate it.
  else if (kind === 'expiring' && index === 0 && !(await queueReactivation(key, time))) return onNotificationClick(id);
  await clearNotification(id);
}
