// @vitest-environment happy-dom
// The "Now" section (issue 19): what is in motion comes first, and rows move when their state does.
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivationRequest, GroupItem } from '../../core/pim-state.ts';
import { listenForMessages } from '../../platform/messages.ts';
import { favouritesItem, operationsItem, policiesItem } from '../../platform/pim-items.ts';
import { someHandlers } from '../../test-support/fake-browser-setup.ts';
import { cache, cleanup, configure, HOUR, item, type Mounted, mount, NOW } from '../test/popup-harness.tsx';

const alpha = item('Alpha');
const bravo = item('Bravo', { pending: { requestId: 'req-b', createdMs: NOW - HOUR, startMs: null } });
const charlie = item('Charlie', { active: { assignmentType: 'activated', startMs: NOW - HOUR, endMs: NOW + HOUR } });
const delta = item('Delta', { scheduled: { requestId: 'req-d', startMs: NOW + HOUR, endMs: NOW + 2 * HOUR } });
const echo = item('Echo', { active: { assignmentType: 'assigned', startMs: NOW - HOUR, endMs: null } });
const foxtrot = item('Foxtrot');
const golf = item('Golf');
const all = [golf, foxtrot, echo, delta, charlie, bravo, alpha];

/** Each row as "heading|name" (heading empty when the row starts no section). */
const layout = (m: Mounted) =>
  m
    .rows()
    .map((r) => `${r.querySelector('.row__section')?.textContent ?? ''}|${r.querySelector('.row__name')?.textContent}`);

let activate: ReturnType<typeof vi.fn<(r: ActivationRequest) => Promise<{ status: 'active'; endMs: number }>>>;
let finish: () => void;
beforeEach(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await configure();
  await cache(all);
  await favouritesItem.set([golf.key]);
  await operationsItem.set({
    [foxtrot.key]: { key: foxtrot.key, kind: 'activate', phase: 'failed', startedAtMs: NOW, message: 'Try again.' },
  });
  activate = vi.fn(
    () =>
      new Promise<{ status: 'active'; endMs: number }>((resolve) => {
        finish = () => resolve({ status: 'active', endMs: NOW + HOUR });
      }),
  );
  listenForMessages(someHandlers({ activate, refresh: () => undefined }));
});
afterEach(cleanup);

describe('the Now section', () => {
  it('lists active-for-a-time, pending, scheduled and failed first, then favourites, then the rest A–Z', async () => {
    const m = await mount();
    expect(layout(m)).toEqual([
      'Now|Bravo',
      '|Charlie',
      '|Delta',
      '|Foxtrot',
      'Favourites|Golf',
      'All groups|Alpha',
      '|Echo',
    ]);
  });

  it('shows no headings when everything is in one section', async () => {
    await cache([golf, alpha]);
    await favouritesItem.set([]);
    await operationsItem.set({});
    const m = await mount();
    expect(layout(m)).toEqual(['|Alpha', '|Golf']);
  });

  it('moves a row into Now when the snapshot says it became active, and out when it ended', async () => {
    const m = await mount();
    const withAlpha = (patch: Partial<GroupItem>) => all.map((i) => (i === alpha ? { ...alpha, ...patch } : i));
    await act(() => cache(withAlpha({ active: { assignmentType: 'activated', startMs: NOW, endMs: NOW + HOUR } })));
    await vi.waitFor(() =>
      expect(layout(m)).toEqual([
        'Now|Alpha',
        '|Bravo',
        '|Charlie',
        '|Delta',
        '|Foxtrot',
        'Favourites|Golf',
        'All groups|Echo',
      ]),
    );
    await act(() => cache(withAlpha({})));
    await vi.waitFor(() => expect(layout(m).slice(-2)).toEqual(['All groups|Alpha', '|Echo']));
  });

  it('keeps a row in place while the activation it started runs, then moves it into Now with the focus on it', async () => {
    await policiesItem.set({
      [alpha.key]: {
        requirements: { maximumMinutes: 60, justification: false, ticket: false, mfa: false, approval: false },
        fetchedAtMs: NOW,
      },
    });
    const m = await mount();
    const row = m.row('Alpha');
    row.focus();
    await m.key(row, 'Enter');
    await vi.waitFor(() => expect(activate).toHaveBeenCalledTimes(1));
    // Running, from this popup: where it was, so a second click cannot land on another row.
    expect(row.getAttribute('aria-busy')).toBe('true');
    expect(layout(m).at(-2)).toBe('All groups|Alpha');
    await act(() => finish());
    await vi.waitFor(() => expect(layout(m)[0]).toBe('Now|Alpha'));
    expect(m.row('Alpha')).toBe(row);
    expect(document.activeElement).toBe(row);
    expect(activate).toHaveBeenCalledTimes(1);
  });

  it('shows the time left of an active row as a <meter> with its text', async () => {
    const m = await mount();
    const bars = m.rows().map((r) => r.querySelector('meter'));
    expect(bars.map((bar) => Boolean(bar))).toEqual([false, true, false, false, false, false, false]);
    const bar = bars[1] as HTMLElement;
    expect(bar.getAttribute('aria-label')).toBe('Time left');
    expect([bar.getAttribute('min'), bar.getAttribute('max'), bar.getAttribute('value')]).toEqual(['0', '120', '60']);
    expect(bar.getAttribute('aria-valuetext')).toBe('1 hr left of 2 hr');
  });
});
