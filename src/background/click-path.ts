import { readPoliciesAhead } from './requirements.ts';
import { readListAhead } from './snapshot-store.ts';

/**
 * The popup asks for a refresh as it opens, and a click may follow. The click path reads the cached
 * list and policies from this worker's memory (platform/in-memory.ts), but a worker stopped while
 * idle (most opens of a day) starts with neither, and a refresh that finds nothing new writes
 * neither. So they are read now, off the click path: at 1,000 groups the first click after a
 * stopped worker sent its request about 186 ms after the click without this, about 150 with it
 * (29 with the worker up, which also holds the write token; `npm run bench`, 2026-12-06). The
 * refresh reads the list once more for its own update: not shared yet.
 */
export function readAheadForClick(): void {
  readListAhead();
  readPoliciesAhead();
}
