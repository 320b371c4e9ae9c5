import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../core/watch.ts';
import { notificationSettingsItem } from '../platform/notification-items.ts';
import { notificationFor } from './announce.ts';

const settings = notificationSettingsItem.fallback;
const base = { key: 'g:member', groupName: 'SG-Prod-SQL-Admins', accessId: 'member' as const };
const end = Date.UTC(2026, 10, 30, 14, 30);
const activated: WatchEvent = { id: 'activated:g:member:1', kind: 'activated', ...base, endMs: end, cause: 'request' };

describe('notifications for watcher events', () => {
  it('announces an activation with Microsoft’s sign-out advice and its two buttons', () => {
    const n = notificationFor(activated, settings, end - 60 * 60_000);
    expect(n?.title).toBe('SG-Prod-SQL-Admins is active');
    expect(n?.message).toMatch(
      /^Active as member until .+\. Apps you had open may not see this change yet\. Sign out and sign back in to refresh\.$/,
    );
    expect(n?.buttons).toEqual(['Sign out and in', "Don't ask for this group"]);
  });

  it('leaves the advice out for a group the user opted out of, and says nothing when both are off', () => {
    const optedOut = { ...settings, staleAccessOptOut: ['g:member'] };
    expect(notificationFor(activated, optedOut, 0)?.buttons).toBeUndefined();
    expect(notificationFor(activated, { ...optedOut, activated: false }, 0)).toBeUndefined();
  });

  it('keeps the advice, without the opt-out button, when the organisation sets it, even for an opted-out group', () => {
    const optedOut = { ...settings, staleAccessOptOut: ['g:member'] };
    const locked = new Set(['staleAccess'] as const);
    const n = notificationFor(activated, optedOut, 0, locked);
    expect(n?.message).toMatch(/Sign out and sign back in to refresh\.$/);
    expect(n?.buttons).toEqual(['Sign out and in']);
    const ended = notificationFor(
      { id: 'ended:g:member:1', kind: 'ended', ...base, endMs: end, early: false },
      optedOut,
      0,
      locked,
    );
    expect(ended?.buttons).toEqual(['Sign out and in']);
  });

  it('names approvals, scheduled starts and re-activations in the title', () => {
    expect(notificationFor({ ...activated, cause: 'approval' }, settings, 0)?.title).toBe(
      'Approved: SG-Prod-SQL-Admins',
    );
    expect(notificationFor({ ...activated, cause: 'schedule' }, settings, 0)?.title).toBe(
      'Started: SG-Prod-SQL-Admins',
    );
    expect(notificationFor({ ...activated, cause: 'reactivation' }, settings, 0)?.title).toBe(
      'SG-Prod-SQL-Admins is active again',
    );
  });

  it('warns before the end with the time left and a re-activate button', () => {
    const n = notificationFor(
      { id: 'expiring:g:member:1', kind: 'expiringSoon', ...base, endMs: end },
      settings,
      end - 10 * 60_000,
      new Set(),
      true,
    );
    expect(n?.message).toBe('Your member access ends in 10 minutes.');
    expect(n?.buttons).toEqual(['Re-activate when it ends']);
    // Not offered where it would need a ticket, an approval or a prompt.
    const asking = notificationFor({ id: 'x', kind: 'expiringSoon', ...base, endMs: end }, settings, end - 60_000);
    expect(asking?.buttons).toBeUndefined();
    expect(
      notificationFor({ id: 'x', kind: 'expiringSoon', ...base, endMs: end }, { ...settings, expiring: false }, 0),
    ).toBeUndefined();
  });

  it('names an end that falls tomorrow with its weekday, never as a bare time that reads as today', () => {
    // Local times: an 8-hour activation from 23:30 on Monday 30 November ends on Tuesday.
    const monday2330 = new Date(2026, 10, 30, 23, 30).getTime();
    const tuesday0730 = new Date(2026, 11, 1, 7, 30).getTime();
    const n = notificationFor({ ...activated, endMs: tuesday0730 }, settings, monday2330);
    expect(n?.message).toMatch(/^Active as member until Tue 7:30\sAM\. /);
    const soon = notificationFor(
      { id: 'x', kind: 'expiringSoon', ...base, endMs: new Date(2026, 11, 1, 0, 5).getTime() },
      settings,
      new Date(2026, 10, 30, 23, 55).getTime(),
    );
    expect(soon?.title).toMatch(/^SG-Prod-SQL-Admins ends at Tue 12:05\sAM$/);
    // The same day keeps the plain clock time.
    expect(notificationFor({ ...activated, endMs: tuesday0730 }, settings, tuesday0730 - 60 * 60_000)?.message).toMatch(
      /^Active as member until 7:30\sAM\. /,
    );
  });

  it('tells an early end from an expiry, and explains the last-owner rule', () => {
    expect(notificationFor({ id: 'e', kind: 'ended', ...base, endMs: end, early: true }, settings, 0)?.title).toBe(
      'SG-Prod-SQL-Admins was deactivated',
    );
    expect(notificationFor({ id: 'e', kind: 'ended', ...base, endMs: end, early: false }, settings, 0)?.title).toBe(
      'SG-Prod-SQL-Admins has ended',
    );
    expect(notificationFor({ id: 's', kind: 'stillActive', ...base, endMs: end }, settings, 0)?.message).toMatch(
      /last active owner/,
    );
  });
});
