import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';

// The dispatcher keeps module state (its handlers), so each test loads a fresh copy.
async function freshAlarms() {
  vi.resetModules();
  return import('./alarms.ts');
}

describe('alarms', () => {
  it('schedules at an absolute time and routes by name prefix', async () => {
    const alarms = await freshAlarms();
    const seen: string[] = [];
    alarms.onAlarm('badge', (a) => void seen.push(a.name));
    alarms.startAlarmDispatch();
    await alarms.scheduleAlarm('badge:tick', 1_700_000_000_000);
    expect(await alarms.listAlarms()).toEqual([
      expect.objectContaining({ name: 'badge:tick', scheduledTime: 1_700_000_000_000 }),
    ]);
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'badge:tick', scheduledTime: 1, persistAcrossSessions: false });
    await vi.waitFor(() => expect(seen).toEqual(['badge:tick']));
  });

  it('clears an alarm nobody handles so it never wakes the worker again', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const alarms = await freshAlarms();
    alarms.startAlarmDispatch();
    await alarms.scheduleAlarm('old-feature:x', Date.now() + 60_000);
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'old-feature:x', scheduledTime: 1, persistAcrossSessions: false });
    await vi.waitFor(async () => expect(await alarms.listAlarms()).toEqual([]));
  });

  it('contains a failing handler', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const alarms = await freshAlarms();
    alarms.onAlarm('boom', () => {
      throw new Error('handler failed');
    });
    alarms.startAlarmDispatch();
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'boom', scheduledTime: 1, persistAcrossSessions: false });
    await vi.waitFor(() => expect(error).toHaveBeenCalledWith(expect.stringContaining('handler for boom failed')));
  });

  it('refuses two handlers for one prefix, and cancels', async () => {
    const alarms = await freshAlarms();
    alarms.onAlarm('x', () => {});
    expect(() => alarms.onAlarm('x', () => {})).toThrow(/already has a handler/);
    await alarms.scheduleAlarm('x:1', 5);
    expect(await alarms.cancelAlarm('x:1')).toBe(true);
    expect(await alarms.cancelAlarm('x:1')).toBe(false);
  });
});
