import * as v from 'valibot';
import type { RetentionDays } from '../core/history.ts';
import { policyOver, readPolicyOver } from './follow-storage.ts';
import { historyRetentionItem, retentionSchema } from './history-items.ts';
import { policyField } from './managed-field.ts';
import { notificationSettingsItem } from './notification-items.ts';
import { defineItem, type StorageItem } from './storage.ts';

export { MAX_DEFAULT_MINUTES, managedDefaultDurationItem } from './managed-field.ts';

// Settings an organisation may push through managed storage (public/managed-schema.json) beside
// the connection and presets. A policy value wins over the user's and shows locked on the options
// page. Each field is validated on its own: a bad value is ignored, with the reason logged, and
// the rest of the policy still applies.

const flag = () => policyField(v.boolean());

export const managedNotificationsItem = defineItem({
  key: 'notifications',
  area: 'managed',
  schema: policyField(
    v.object({
      activated: flag(),
      approval: flag(),
      expiring: flag(),
      ended: flag(),
      staleAccess: flag(),
      waitingOnYou: flag(),
      expiringLeadMinutes: policyField(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(120))),
      /** The page "Sign out and in" opens: https, no credentials (checked again before it is opened); '' = My Apps. */
      appUrl: policyField(
        v.pipe(
          v.string(),
          v.maxLength(2000),
          v.check((s) => {
            if (s === '') return true; // locked to the default
            try {
              const url = new URL(s);
              return url.protocol === 'https:' && !url.username && !url.password;
            } catch {
              return false;
            }
          }, 'an https address without user name or password'),
        ),
      ),
    }),
  ),
  fallback: undefined,
});

export const managedRetentionItem = defineItem({
  key: 'historyRetentionDays',
  area: 'managed',
  schema: policyField(retentionSchema),
  fallback: undefined,
});

export type NotificationSettings = Awaited<ReturnType<typeof notificationSettingsItem.get>>;
export type ManagedNotifications = NonNullable<Awaited<ReturnType<typeof managedNotificationsItem.get>>>;
export type LockableNotification = keyof ManagedNotifications;

export interface Effective<T, K extends string> {
  value: T;
  /** Fields the policy sets; the options page shows them read-only. */
  locked: ReadonlySet<K>;
}

/** The user's settings with the policy's fields on top. Pure, for the tests. */
export function mergeNotificationSettings(
  own: NotificationSettings,
  managed: ManagedNotifications | undefined,
): Effective<NotificationSettings, LockableNotification> {
  const set = Object.entries(managed ?? {}).filter(([, value]) => value !== undefined);
  return {
    value: { ...own, ...Object.fromEntries(set) },
    locked: new Set(set.map(([key]) => key as LockableNotification)),
  };
}

/**
 * The stale-access advice for one item: `off` (nobody wants it), `optedOut` (the user said "Don't
 * ask for this group"), `ask` (shown, with the opt-out button) or `required` (shown without it: the
 * organisation's policy sets `staleAccess`, and a per-group opt-out never overrides a locked
 * setting, even one stored before the policy arrived).
 */
export type StaleAccessPrompt = 'off' | 'optedOut' | 'ask' | 'required';

export function staleAccessPrompt(
  { value, locked }: Effective<NotificationSettings, LockableNotification>,
  key: string,
): StaleAccessPrompt {
  if (!value.staleAccess) return 'off';
  if (locked.has('staleAccess')) return 'required';
  return value.staleAccessOptOut.includes(key) ? 'optedOut' : 'ask';
}

/** What the background notifies about: the user's choices, the organisation's where it set them. */
export const notificationSetting = policyOver(
  { own: notificationSettingsItem, managed: managedNotificationsItem },
  ({ own, managed }) => mergeNotificationSettings(own, managed),
);

export const readNotificationSettings = () => readPolicyOver(notificationSetting);

/** How long the history is kept: the policy's number of days, else the user's. */
export const retentionSetting = policyOver(
  { own: historyRetentionItem, managed: managedRetentionItem },
  ({ own, managed }): Effective<RetentionDays, 'days'> => ({
    value: managed ?? own,
    locked: new Set(managed === undefined ? [] : ['days']),
  }),
);

export const readHistoryRetention = () => readPolicyOver(retentionSetting);

/** Calls back (without a value: read again) when the user's item or the policy behind it changes. */
export function watchAll(items: ReadonlyArray<StorageItem<unknown>>, callback: () => void): () => void {
  const stops = items.map((item) => item.watch(() => callback()));
  return () => {
    for (const stop of stops) stop();
  };
}

export const NOTIFICATION_ITEMS = Object.values(notificationSetting.items);
export const RETENTION_ITEMS = Object.values(retentionSetting.items);
