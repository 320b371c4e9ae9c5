import type { Clock } from './contract.ts';

/**
 * The emulator's clock: real time flows (so token lifetimes and latencies behave normally), shifted by
 * whatever offset tests apply with advance()/set(). Nothing in the emulator reads Date.now() directly.
 */
export function createClock(startMs: number = Date.now()): Clock {
  let offset = startMs - Date.now();
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms;
    },
    set(epochMs: number) {
      offset = epochMs - Date.now();
    },
  };
}
