import { itemKey, type Operation } from '../core/pim-state.ts';
import { type MessageKey, t } from '../platform/i18n.ts';
import { log } from '../platform/log.ts';
import { refreshStatusItem } from '../platform/pim-items.ts';
import { markInterrupted } from './operations.ts';
import { markInterruptedRuns } from './presets.ts';
import { refresh, refreshUnderWay } from './refresh.ts';
import { itemName } from './snapshot-store.ts';

// What a worker that starts finds of its predecessor: Chromium stops an idle worker (or DevTools,
// or a crash does) even while Graph holds its request. Nothing in memory survives, so whatever
// storage says is still running was cut short; the list, read again, says how far it got.

const SENTENCE: Record<Operation['kind'], MessageKey> = {
  activate: 'operationInterruptedActivate',
  deactivate: 'operationInterruptedDeactivate',
  cancel: 'operationInterruptedCancel',
};

/** How the list is read again (tests pass their own: the real one talks to Graph). */
export interface RecoveryDeps {
  refresh(options: { force: true }): Promise<unknown>;
  refreshUnderWay(): boolean;
}

/** Runs once per worker start, before the first message is handled (all writes below are queued first). */
export async function recoverInterrupted(deps: RecoveryDeps = { refresh, refreshUnderWay }): Promise<void> {
  const [operations, runs] = await Promise.all([
    markInterrupted(async (op) => t(SENTENCE[op.kind], await itemName(op.key))),
    markInterruptedRuns(async (e) => t(SENTENCE.activate, await itemName(itemKey(e.groupId, e.accessId)))),
    // A read the old worker had under way will never finish: the indicator must not spin forever.
    refreshStatusItem.update((status) =>
      status.refreshing && !deps.refreshUnderWay() ? { ...status, refreshing: false } : status,
    ),
  ]);
  if (operations + runs === 0) return;
  log.info('interrupted', `${operations} operations and ${runs} preset runs were cut short; reading the list`);
  await deps.refresh({ force: true });
}
