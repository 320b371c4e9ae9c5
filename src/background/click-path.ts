import { log } from '../platform/log.ts';
import { readPoliciesAhead } from './requirements.ts';
import { readListAhead } from './snapshot-store.ts';

type Refresh = (request: { force?: boolean }) => Promise<undefined>;

/**
 * What the background does with the refresh the popup asks for as it opens, through `refresh`
 * (refresh.ts's; tests pass their own). A click may follow, and three things would otherwise wait
 * on its path in a worker stopped while idle (most opens of a day):
 *
 * - The cached list and policies, which the click reads from this worker's memory
 *   (platform/in-memory.ts): a restarted worker has neither until something reads them, and a
 *   refresh that finds nothing new writes neither. So they are read now.
 * - The token to activate with: a restarted worker holds none, and the click asked the auth host
 *   for it (client.ts, `warmToken`: MSAL's cached one only).
 * - Graph's clock: an "activate now" starts at Graph's now, confirmed by an answer this worker has
 *   heard (server-time.ts). A refresh brings one; refresh.ts skips a refresh asked for within
 *   seconds of the last one only when this worker has heard it already, so the click does not read
 *   Graph before its POST.
 *
 * At 1,000 groups, the worker stopped seconds after a refresh and before each popup opened, 80 ms
 * of latency (the bench's click, two alternating 8-click trials, 2026-12-06): click → request sent
 * 137 and 152 ms with the list read ahead only (186 without it), 36 and 37 with the clock as well,
 * 24 and 31 with the token too; 29 with the worker up.
 */
export function popupRefreshWith(refresh: Refresh, warmWriteToken: () => Promise<void>): Refresh {
  return async (request) => {
    readListAhead();
    readPoliciesAhead();
    await refresh(request);
    // After the refresh, not before: the list's token came first, and the auth host is up.
    void warmWriteToken().catch((error: unknown) => log.warn('click-path', 'token not warmed', error));
    return undefined;
  };
}
