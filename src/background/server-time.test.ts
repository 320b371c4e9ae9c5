import { afterEach, describe, expect, it, vi } from 'vitest';
import { clockOffsetItem } from '../platform/pim-items.ts';

// The module keeps the offset in memory as well as in storage: load a fresh copy per test.
async function fresh() {
  vi.resetModules();
  return import('./server-time.ts');
}

afterEach(() => {
  vi.useRealTimers();
});

describe("Graph's clock", () => {
  it('corrects a laptop clock that runs ten minutes slow, from a Date header', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 30, 12, 0, 0) });
    const time = await fresh();
    // Graph says 12:10:00 (the header has whole seconds): the best estimate is the middle of that second.
    time.observeServerDate(Date.UTC(2026, 10, 30, 12, 10, 0), Date.now());
    expect(await time.serverNow()).toBe(Date.UTC(2026, 10, 30, 12, 10, 0) + 500);
    await vi.waitFor(async () => expect(await clockOffsetItem.get()).toBe(10 * 60_000 + 500));
    // An alarm for Graph's 13:00 must ring at the laptop's 12:49:59.5.
    expect(await time.localTimeOf(Date.UTC(2026, 10, 30, 13, 0, 0))).toBe(Date.UTC(2026, 10, 30, 12, 49, 59, 500));
  });

  it('ignores the jitter of one-second headers, and survives a restart through storage', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const time = await fresh();
    time.observeServerDate(1_000_000 + 5_000, 1_000_000);
    time.observeServerDate(1_000_000 + 6_000, 1_000_000); // within two seconds: not a new estimate
    expect(await time.serverNow()).toBe(1_000_000 + 5_500);
    await vi.waitFor(async () => expect(await clockOffsetItem.get()).toBe(5_500));
    const restarted = await fresh();
    expect((await restarted.serverNow()) - Date.now()).toBe(5_500);
  });

  it('asks Graph again before a "now" request when the local clock jumped since Graph last told the time', async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ['Date', 'performance'] });
    const time = await fresh();
    const hearGraph = vi.fn(async () => time.observeServerDate(Date.now() - 3_600_000, Date.now()));
    expect(time.clockConfirmed()).toBe(false); // nothing heard yet in this worker
    time.observeServerDate(1_000_000, 1_000_000);
    vi.advanceTimersByTime(30_000);
    expect(time.clockConfirmed()).toBe(true);
    expect(await time.confirmedServerNow(hearGraph)).toBe(1_030_500);
    expect(hearGraph).not.toHaveBeenCalled();
    // The laptop's clock is set an hour ahead; the monotonic clock moves on as before.
    vi.setSystemTime(Date.now() + 3_600_000);
    expect(time.clockConfirmed()).toBe(false);
    expect(await time.serverNow()).toBe(1_030_500 + 3_600_000); // the stale offset: an hour off
    const [first, second] = await Promise.all([time.confirmedServerNow(hearGraph), time.confirmedServerNow(hearGraph)]);
    expect([first, second]).toEqual([1_030_500, 1_030_500]);
    expect(hearGraph).toHaveBeenCalledTimes(1); // one reading for activations sent together
  });
});
