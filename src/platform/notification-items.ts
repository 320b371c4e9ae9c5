import * as v from 'valibot';
import { isEmptyOrSafeHttpsUrl } from '../core/safe-url.ts';
import { listOf, repairable } from './repair.ts';
import { defineItem } from './storage.ts';

// The user's notification choices. Apart from pim-items.ts so that the popup, which reads PIM
// items, does not reach the URL check below (and with it the code shared with the presets chunks).

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

/** Groups the user said "Don't ask for this group" for; past it, the oldest choice is forgotten. */
export const STALE_ACCESS_OPT_OUTS_MAX = 1000;

/** Which notifications the user wants (options page; an organisation may set defaults by policy). */
export const notificationSettingsItem = defineItem({
  key: 'settings:notifications',
  area: 'local',
  schema: v.object({
    activated: repairable(v.boolean(), true),
    approval: repairable(v.boolean(), true),
    expiring: repairable(v.boolean(), true),
    ended: repairable(v.boolean(), true),
    staleAccess: repairable(v.boolean(), true),
    /** A request arrives that waits on the user's approval (approvers only). */
    waitingOnYou: repairable(v.boolean(), true),
    expiringLeadMinutes: repairable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(120)), 10),
    /** Items (keys) for which the user turned the sign-out-and-in prompt off. */
    staleAccessOptOut: listOf(text(200), STALE_ACCESS_OPT_OUTS_MAX),
    /** Where to go after signing in again; empty = Microsoft's My Apps. */
    // Re-checked on every read: a stored address is opened after sign-out (core/safe-url.ts).
    appUrl: repairable(v.pipe(v.string(), v.maxLength(2000), v.check(isEmptyOrSafeHttpsUrl)), ''),
  }),
  fallback: {
    activated: true,
    approval: true,
    expiring: true,
    ended: true,
    staleAccess: true,
    waitingOnYou: true,
    expiringLeadMinutes: 10,
    staleAccessOptOut: [],
    appUrl: '',
  },
});
