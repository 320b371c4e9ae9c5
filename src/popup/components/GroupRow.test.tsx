// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatDate, formatMoment } from '../../core/format/time.ts';
import { listenForMessages } from '../../platform/messages.ts';
import { clockOffsetItem, operationsItem, reactivationsItem } from '../../platform/pim-items.ts';
import { someHandlers } from '../../test-support/fake-browser-setup.ts';
import { account, cache, cleanup, configure, HOUR, item, mount, NOW } from '../test/popup-harness.tsx';

const zone = { locale: 'en-US' };
const end = NOW + 80 * 60_000 + 30_000;
const active = item('SG-Active', { active: { assignmentType: 'activated', startMs: NOW - HOUR, endMs: end } });
const permanent = item('SG-Permanent', {
  eligible: false,
  active: { assignmentType: 'assigned', startMs: 0, endMs: null },
});
const pending = item('SG-Pending', { pending: { requestId: 'req-1', createdMs: NOW, startMs: null } });
const scheduled = item('SG-Scheduled', { scheduled: { requestId: 'req-2', startMs: NOW + 20 * HOUR, endMs: null } });
const ending = item('SG-Ending', { eligibleUntilMs: NOW + 3 * 24 * HOUR });
const owner = item('SG-Active', { accessId: 'owner', groupId: active.groupId });

const state = (row: HTMLElement) => row.querySelector('.row__state')?.textContent;

beforeEach(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await configure();
  await clockOffsetItem.set(0);
  await cache([active, permanent, pending, scheduled, ending, owner]);
});
afterEach(cleanup);

describe('rows', () => {
  it('say where each item stands, with member and owner of one group listed apart', async () => {
    const m = await mount();
    expect(state(m.row('SG-Active'))).toBe(`Active until ${formatMoment(end, Date.now(), zone)} · 1 hr, 21 min left`);
    expect(state(m.row('SG-Active', 'owner'))).toBe('Eligible');
    expect(state(m.row('SG-Permanent'))).toBe('Permanent');
    expect(state(m.row('SG-Pending'))).toBe('Pending approval');
    expect(state(m.row('SG-Scheduled'))).toBe(
      `Scheduled for ${formatMoment(scheduled.scheduled?.startMs ?? 0, Date.now(), zone)}`,
    );
    expect(state(m.row('SG-Ending'))).toBe(`Eligible until ${formatDate(NOW + 3 * 24 * HOUR, zone)}`);
    expect(m.row('SG-Active', 'owner').querySelector('.badge')?.textContent).toBe('Owner');
  });

  it('give a permanent assignment no deactivate button, and name every button after its group and access', async () => {
    const m = await mount();
    expect(m.row('SG-Permanent').querySelectorAll('button')).toHaveLength(1); // only the star
    expect(m.button(m.row('SG-Active', 'owner'), 'Activate SG-Active as owner')).toBeTruthy();
    expect(m.button(m.row('SG-Active'), 'Deactivate SG-Active as member')).toBeTruthy();
    expect(m.button(m.row('SG-Pending'), 'Cancel request for SG-Pending as member')).toBeTruthy();
  });

  it('deactivate and cancel send the right messages and announce the result', async () => {
    const deactivate = vi.fn(() => undefined);
    const cancelRequest = vi.fn(() => undefined);
    listenForMessages(someHandlers({ deactivate, cancelRequest, refresh: () => undefined }));
    const m = await mount();
    await m.click(m.button(m.row('SG-Active'), /^Deactivate/));
    await vi.waitFor(() => expect(m.announcement()).toBe('SG-Active is no longer active.'));
    expect(deactivate).toHaveBeenCalledExactlyOnceWith({ groupId: active.groupId, accessId: 'member' });
    expect(state(m.row('SG-Active'))).toBe('Eligible');
    // The background's next list wins over what the outcome implied.
    await act(() => cache([active, permanent, pending, scheduled, ending, owner]));
    await vi.waitFor(() => expect(state(m.row('SG-Active'))).toMatch(/^Active until/));
    await m.click(m.button(m.row('SG-Scheduled'), /^Cancel request for/));
    await vi.waitFor(() => expect(m.announcement()).toBe('The request for SG-Scheduled is cancelled.'));
    expect(cancelRequest).toHaveBeenCalledExactlyOnceWith({
      groupId: scheduled.groupId,
      accessId: 'member',
      requestId: 'req-2',
    });
  });

  it('shows a failure the background recorded, with Dismiss sending dismiss', async () => {
    const dismiss = vi.fn(() => undefined);
    listenForMessages(someHandlers({ dismiss, refresh: () => undefined }));
    await operationsItem.set({
      [owner.key]: {
        key: owner.key,
        kind: 'deactivate',
        phase: 'failed',
        startedAtMs: NOW,
        message: 'PIM keeps an activation for at least 5 minutes; try again at 14:35.',
      },
    });
    const m = await mount();
    const row = m.row('SG-Active', 'owner');
    expect(row.querySelector('.row__error')?.textContent).toContain('at least 5 minutes');
    await m.click(m.button(row, 'Dismiss the message for SG-Active as owner'));
    await vi.waitFor(() => expect(dismiss).toHaveBeenCalledExactlyOnceWith({ key: owner.key }));
    expect(m.row('SG-Active', 'owner').querySelector('.row__error')).toBeNull();
  });

  it('shows a running operation from storage as busy, and the result when storage moves on', async () => {
    await operationsItem.set({
      [pending.key]: { key: pending.key, kind: 'cancel', phase: 'running', startedAtMs: NOW },
    });
    const m = await mount();
    expect(state(m.row('SG-Pending'))).toBe('Cancelling…');
    expect(m.row('SG-Pending').getAttribute('aria-busy')).toBe('true');
    expect(m.button(m.row('SG-Pending'), /^Cancel request for/).getAttribute('aria-disabled')).toBe('true');
    await act(async () => {
      await operationsItem.set({});
      await cache([active, permanent, item('SG-Pending'), scheduled, ending, owner]);
    });
    await vi.waitFor(() => expect(state(m.row('SG-Pending'))).toBe('Eligible'));
    expect(m.row('SG-Pending').getAttribute('aria-busy')).toBe('false');
  });

  it('counts down each minute while open', async () => {
    const m = await mount();
    vi.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      // Remount under fake timers so the minute timer is a fake one.
      m.unmount();
      const again = await mount();
      const before = state(again.row('SG-Active'));
      for (let i = 0; i < 12; i++) {
        await act(async () => {
          vi.advanceTimersByTime(10_000);
        });
      }
      expect(state(again.row('SG-Active'))).not.toBe(before);
      expect(state(again.row('SG-Active'))).toMatch(/1 hr, (19|20) min left$/);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the eligibility end and a queued re-activation', () => {
  it('say the end more precisely the closer it is: the time left within hours', async () => {
    const soon = item('SG-Soon', { eligibleUntilMs: NOW + 10 * 60_000 });
    await cache([soon]);
    const m = await mount();
    expect(state(m.row('SG-Soon'))).toBe(
      `Eligible until ${formatMoment(NOW + 10 * 60_000, Date.now(), zone)} · 10 min left`,
    );
  });

  it('show a re-activation the signed-in account queued, and cancel it', async () => {
    const cancelReactivation = vi.fn(() => undefined);
    listenForMessages(someHandlers({ cancelReactivation, refresh: () => undefined }));
    const at = NOW + 20 * 60_000;
    await reactivationsItem.set({
      [active.key]: { accountId: account.id, atMs: at },
      // Another account's, and one that already ran: neither is shown.
      [owner.key]: { accountId: 'someone-else', atMs: at },
      [pending.key]: { accountId: account.id, atMs: at, ran: true },
    });
    const m = await mount();
    const row = m.row('SG-Active');
    expect(row.querySelector('.row__queued p')?.textContent).toBe(`Activates again at ${formatMoment(at, NOW, zone)}`);
    expect(m.row('SG-Active', 'owner').querySelector('.row__queued')).toBeNull();
    expect(m.row('SG-Pending').querySelector('.row__queued')).toBeNull();
    await m.click(m.button(row, 'Don’t re-activate SG-Active as member'));
    await vi.waitFor(() => expect(cancelReactivation).toHaveBeenCalledExactlyOnceWith({ key: active.key }));
  });
});
