import type { NotificationSettings } from '../platform/managed-settings.ts';
import { notificationSettingsItem } from '../platform/notification-items.ts';
import { checkSettingsPatch } from './request-checks.ts';

// Settings the background writes too (a notification's "Don't ask for this group" adds an
// opt-out): the options page sends its changes here, and both go through the key's one queue.

/** Stores the fields the options page changed; the item refuses a value its schema does not allow. */
export async function saveNotificationSettings(patch: Partial<NotificationSettings>): Promise<undefined> {
  const fields = checkSettingsPatch(patch, notificationSettingsItem.fallback);
  await notificationSettingsItem.update((own) => ({ ...own, ...fields }));
  return undefined;
}
