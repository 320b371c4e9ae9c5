import type { LogEntry } from '../../test/emulator/request-log.ts';

// Network figures from the emulator's request log: how many Graph requests a piece of work made,
// and how many of them had to wait for another's answer (sequential round trips), which is what
// latency multiplies.

/**
 * A request that starts this close to another's end still waited for it: log times are whole ms and
 * the end is logged when the socket has written the reply, a little after the client saw it. Far
 * below the latency, so requests sent together (which overlap by the latency) never count twice.
 */
const SLACK_MS = 20;

export interface Traffic {
  requests: number;
  /** The longest chain of requests each sent after the previous one's answer. */
  roundTrips: number;
}

/** Graph requests (CORS preflights left out: they are the browser's, and the service worker sends none). */
export function graphRequests(entries: readonly LogEntry[]): LogEntry[] {
  return entries.filter((e) => e.area === 'graph' && e.method !== 'OPTIONS');
}

export function traffic(entries: readonly LogEntry[]): Traffic {
  const spans = entries
    .map((e) => {
      const start = Date.parse(e.startedAt);
      return { start, end: start + e.durationMs };
    })
    .sort((a, b) => a.end - b.end);
  // Greedy by earliest end: the largest set of requests that do not overlap is the longest chain.
  let roundTrips = 0;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const span of spans) {
    if (span.start >= lastEnd - SLACK_MS) {
      roundTrips += 1;
      lastEnd = span.end;
    }
  }
  return { requests: entries.length, roundTrips };
}
