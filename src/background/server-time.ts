import { clockOffsetItem } from '../platform/pim-items.ts';

// Remaining times are computed on Graph's clock: a laptop whose clock is off by ten minutes must
// not show a wrong countdown (or fire a notification late). The offset comes from the `Date`
// header of Graph's responses; it has one-second resolution, so small changes are ignored.

const SIGNIFICANT_MS = 2_000;
let offset: number | undefined;

export function observeServerDate(serverMs: number, localMs: number): void {
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

/** The local time at which Graph's clock shows `serverMs` (alarms run on the local clock). */
export async function localTimeOf(serverMs: number): Promise<number> {
  return serverMs - ((await serverNow()) - Date.now());
}
