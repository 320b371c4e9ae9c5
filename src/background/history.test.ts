import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../core/history.ts';
import type { ActivationRequest } from '../core/pim-state.ts';
import { historyItem, historyRetentionItem } from '../platform/history-items.ts';
import { clearHistory, pruneHistoryNow, recordActivation, recordLater } from './history.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30, 12);
const request: ActivationRequest = {
  groupId: 'g-1',
  accessId: 'member',
  durationMinutes: 60,
  justification: '  INC-4711 ',
  ticketSystem: 'ServiceNow',
  ticketNumber: 'INC-4711',
};

const pruneAlarm = () => fakeBrowser.alarms.get('history:prune');
const old = (days: number, patch: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: `old-${days}`,
  groupId: 'g-0',
  groupName: 'SG-Old',
  accessId: 'owner',
  requestedAtMs: NOW - days * DAY,
  startMs: NOW - days * DAY,
  durationMinutes: 30,
  justification: '',
  outcome: 'active',
  ...patch,
});

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('activation history in the background', () => {
  it('records what was asked and what Graph answered, newest first', async () => {
    await recordActivation(request, 'SG-One', NOW, { outcome: { status: 'pendingApproval', requestId: 'r1' } });
    await recordActivation({ ...request, groupId: 'g-2' }, 'SG-Two', NOW + 1, {
      error: 'This group allows at most 1 hour.',
    });
    const [second, first] = await historyItem.get();
    expect(first).toMatchObject({
      groupId: 'g-1',
      groupName: 'SG-One',
      accessId: 'member',
      requestedAtMs: NOW,
      startMs: NOW,
      durationMinutes: 60,
      justification: 'INC-4711',
      ticketSystem: 'ServiceNow',
      ticketNumber: 'INC-4711',
      outcome: 'pendingApproval',
    });
    expect(second).toMatchObject({
      groupName: 'SG-Two',
      outcome: 'failed',
      error: 'This group allows at most 1 hour.',
    });
  });

  it('keeps both entries when two activations finish at the same moment', async () => {
    await Promise.all([
      recordActivation(request, 'SG-One', NOW, { outcome: { status: 'active', endMs: null } }),
      recordActivation({ ...request, groupId: 'g-2' }, 'SG-Two', NOW, { outcome: { status: 'active', endMs: null } }),
    ]);
    expect((await historyItem.get()).map((e) => e.groupName).sort()).toEqual(['SG-One', 'SG-Two']);
  });

  it('marks the activation deactivated when the user ends it', async () => {
    await recordActivation(request, 'SG-One', NOW, { outcome: { status: 'active', endMs: null } });
    await recordLater({ groupId: 'g-1', accessId: 'member' }, 'deactivated');
    expect((await historyItem.get())[0]?.outcome).toBe('deactivated');
  });

  it('prunes on write to the retention period', async () => {
    await historyItem.set([old(10), old(100)]);
    await historyRetentionItem.set(30);
    await recordActivation(request, 'SG-One', NOW, { outcome: { status: 'active', endMs: null } });
    expect((await historyItem.get()).map((e) => e.groupName)).toEqual(['SG-One', 'SG-Old']);
  });

  it('wakes only when the oldest entry expires, at most daily, and never without entries', async () => {
    await pruneHistoryNow();
    expect(await pruneAlarm()).toBeUndefined();

    await historyItem.set([old(10)]);
    await pruneHistoryNow();
    // 90 days by default: the 10-day-old entry leaves in 80 days.
    expect((await pruneAlarm())?.scheduledTime).toBe(NOW + 80 * DAY);

    await historyItem.set([old(90)]);
    await pruneHistoryNow();
    // Just inside the retention period: not before a day has passed.
    expect((await pruneAlarm())?.scheduledTime).toBe(NOW + DAY);

    vi.setSystemTime(NOW + DAY + 1);
    await pruneHistoryNow();
    expect(await historyItem.get()).toEqual([]);
    expect(await pruneAlarm()).toBeUndefined();
  });

  it('follows the retention the organisation sets over the user’s', async () => {
    await historyRetentionItem.set(365);
    await fakeBrowser.storage.managed.set({ historyRetentionDays: 7 });
    await historyItem.set([old(3), old(8)]);
    await pruneHistoryNow();
    expect((await historyItem.get()).map((e) => e.id)).toEqual(['old-3']);
  });

  it('drops a damaged entry on its own, with a logged reason', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.local.set({ 'history:activations': [old(1), { groupName: 42 }] });
    expect((await historyItem.get()).map((e) => e.id)).toEqual(['old-1']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('dropping damaged entry 1'));
  });

  it('a clear asked for while a write is under way stays cleared', async () => {
    await historyItem.set([old(1)]);
    // The write's read has answered and its store is held: the clear arrives in between.
    const area = fakeBrowser.storage.local;
    const store = area.set.bind(area);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const writes: string[] = [];
    vi.spyOn(area, 'set').mockImplementation((async (items: Record<string, unknown>) => {
      const entries = items[historyItem.key] as HistoryEntry[] | undefined;
      if (entries) writes.push(entries.map((e) => e.groupName).join(','));
      if (entries?.length === 2) await held;
      await store(items);
    }) as typeof area.set);

    const write = recordActivation(request, 'SG-One', NOW, { outcome: { status: 'active', endMs: null } });
    await vi.waitFor(() => expect(writes).toEqual(['SG-One,SG-Old']));
    const clear = clearHistory();
    release();
    await Promise.all([write, clear]);

    expect(writes).toEqual(['SG-One,SG-Old', '']);
    expect(await historyItem.get()).toEqual([]);
    expect(await pruneAlarm()).toBeUndefined();
  });
});
