import { activeAccount } from '../auth/accounts.ts';
import { authorityUrl } from '../core/connection.ts';
import { appendBounded } from '../core/list.ts';
import { readConnection } from '../platform/connection.ts';
import { clearNotification } from '../platform/notifications.ts';
import { openTab } from '../platform/pages.ts';
import { notificationSettingsItem, STALE_ACCESS_OPT_OUTS_MAX } from '../platform/pim-items.ts';
import { presetAppUrlFor } from '../platform/presets.ts';
import { queueReactivation } from './reactivation.ts';

// What the buttons of the watcher's notifications do. Plain exported functions: the e2e tests
// call them through the worker, and `onNotificationButton` routes Chromium's clicks to them.

/** Where Microsoft's sign-out sends the user back to sign in, unless the user or a preset named an app. */
export const DEFAULT_SIGN_IN_URL = 'https://myapps.microsoft.com/';

/**
 * Microsoft's advice when apps still hold the old membership: sign out and back in. Opens the
 * Entra sign-out for the account, which returns to a sign-in page (or the app URL): the app of
 * the preset that activated the item (`key`) in the last day, else the settings' app.
 */
export async function signOutAndIn(key?: string): Promise<string> {
  const [{ connection }, account, settings, presetApp] = await Promise.all([
    readConnection(),
    activeAccount(),
    notificationSettingsItem.get(),
    key ? presetAppUrlFor(key) : undefined,
  ]);
  const url = new URL(`${authorityUrl(connection)}/oauth2/v2.0/logout`);
  url.searchParams.set('post_logout_redirect_uri', presetApp || settings.appUrl || DEFAULT_SIGN_IN_URL);
  if (account) url.searchParams.set('logout_hint', account.username);
  await openTab(url.toString());
  return url.toString();
}

/** "Don't ask for this group": no more sign-out prompts for this item. */
export async function optOutOfStaleAccess(key: string): Promise<void> {
  const settings = await notificationSettingsItem.get();
  if (!settings.staleAccessOptOut.includes(key)) {
    const staleAccessOptOut = appendBounded(settings.staleAccessOptOut, key, STALE_ACCESS_OPT_OUTS_MAX);
    await notificationSettingsItem.set({ ...settings, staleAccessOptOut });
  }
}

/** Event ids are "<kind>:<groupId>:<accessId>:<time>" (see core/watch.ts). */
function parseId(id: string): { kind: string; key: string; time: number } {
  const [kind = '', groupId = '', accessId = '', time = ''] = id.split(':');
  return { kind, key: `${groupId}:${accessId}`, time: Number(time) };
}

export async function onNotificationButton(id: string, index: number): Promise<void> {
  const { kind, key, time } = parseId(id);
  if ((kind === 'activated' || kind === 'ended') && index === 0) await signOutAndIn(key);
  else if ((kind === 'activated' || kind === 'ended') && index === 1) await optOutOfStaleAccess(key);
  else if (kind === 'expiring' && index === 0 && Number.isFinite(time)) await queueReactivation(key, time);
  await clearNotification(id);
}
