import type { WatchState } from './watch.ts';

// Apart from watch.ts so that storage schemas (read by the popup too) can name the empty state
// without pulling the watcher's logic into the popup's bundle.
export const emptyWatchState = (accountId = ''): WatchState => ({
  accountId,
  activations: {},
  pending: {},
  scheduled: {},
  notified: {},
  pendingPolls: 0,
  nextPendingPollMs: null,
});
