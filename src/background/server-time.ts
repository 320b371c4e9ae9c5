import { clockOffsetItem } from '../platform/pim-items.ts';

// Remaining times are computed on Graph's clock: a laptop whose clock is off by ten minutes must
// not show a wrong countdown (or fire a notification late). The offset comes from the `Date`
// header of Graph's responses; it has one-second resolution, so small changes are ignored.

const SIGNIFICANT_MS = 2_000;
let offset: number | undefined;
/**
 * When this worker last heard Graph's time, on the local clock and on the monotonic one. The local
 * clock can jump (set by hand, corrected by NTP) and the offset learned before is then wrong; the
 * monotonic clock does not jump, so the two disagreeing says the offset needs confirming.
 */
let heard: { localMs: number; monotonicMs: number } | undefined;

export function observeServerDate(serverMs: number, localMs: number): void {
  heard = { localMs, monotonicMs: performance.now() };
  // The header drops the milliseconds: the server's time lies anywhere in the next second, so its middle is the best guess.
  const next = serverMs + 500 - localMs;
  if (offset !== undefined && Math.abs(next - offset) < SIGNIFICANT_MS) return;
  offset = next;
  void clockOffsetItem.set(next);
}

/** Graph's current time, as well as the extension knows it. */
export async function serverNow(): Promise<number> {
  offset ??= await clockOffsetItem.get();
  return Date.now() + offset;
}

/**
 * Whether the offset still holds: Graph told this worker its time, and the local clock has since
 * moved as much as the monotonic one. (A machine that slept also fails this test: a new reading is
 * then only one Graph call away, never a wrong start.)
 */
export function clockConfirmed(): boolean {
  if (!heard) return false;
  const local = Date.now() - heard.localMs;
  const monotonic = performance.now() - heard.monotonicMs;
  return Math.abs(local - monotonic) < SIGNIFICANT_MS;
}

let hearing: Promise<unknown> | undefined;

/**
 * Graph's current time for something Graph acts on at once (the start of an "activate now"): when
 * the offset is not confirmed, `hearGraph` makes any Graph call, whose `Date` header resets it.
 */
export async function confirmedServerNow(hearGraph: () => Promise<unknown>): Promise<number> {
  // A preset's activations start together: one reading serves them all.
  if (!clockConfirmed()) {
    hearing ??= hearGraph().finally(() => {
      hearing = undefined;
    });
    await hearing;
  }
  return serverNow();
}

/** The local time at which Graph's clock shows `serverMs` (alarms run on the local clock). */
export async function localTimeOf(serverMs: number): Promise<number> {
  return serverMs - ((await serverNow()) - Date.now());
}
