import { operationGoalReached } from '../core/operation-goal.ts';
import type { GroupItem, Operation } from '../core/pim-state.ts';
import { operationsItem } from '../platform/pim-items.ts';

// Progress and failures per item, in session storage, so a popup opened mid-operation shows it.
// Every change goes through the item's `update` (one queue per key): two items' operations finishing
// together never overwrite each other.
const update = (change: (ops: Record<string, Operation>) => void | Promise<void>): Promise<void> =>
  operationsItem
    .update(async (ops) => {
      await change(ops);
      return ops;
    })
    .then(() => undefined);

export const startOperation = (key: string, kind: Operation['kind']) =>
  update((ops) => {
    ops[key] = { key, kind, phase: 'running', startedAtMs: Date.now() };
  });

/** Success needs no message: the item's new state says it. */
export const finishOperation = (key: string) =>
  update((ops) => {
    delete ops[key];
  });

export const failOperation = (key: string, kind: Operation['kind'], code: string, message: string) =>
  update((ops) => {
    ops[key] = { key, kind, phase: 'failed', startedAtMs: ops[key]?.startedAtMs ?? Date.now(), code, message };
  });

export async function dismiss({ key }: { key: string }): Promise<undefined> {
  await update((ops) => {
    if (ops[key]?.phase !== 'running') delete ops[key];
  });
  return undefined;
}

/** The code of an operation that a stopped worker left unfinished. */
export const INTERRUPTED = 'interrupted';

/**
 * Chromium may stop the worker while Graph holds a request; its operation then stays `running` in
 * session storage with nobody to finish it. Called once as a worker starts, before any message can
 * start an operation (writes are queued), so every `running` one is a dead worker's: it becomes a
 * failure with `describe`'s sentence until a refresh shows its goal reached. Returns how many.
 */
export async function markInterrupted(describe: (op: Operation) => Promise<string>): Promise<number> {
  let count = 0;
  await update(async (ops) => {
    for (const op of Object.values(ops)) {
      if (op.phase !== 'running') continue;
      ops[op.key] = { ...op, phase: 'failed', code: INTERRUPTED, message: await describe(op) };
      count += 1;
    }
  });
  return count;
}

/** After a refresh: interrupted operations whose goal the new list shows reached went through after all. */
export const settleInterrupted = (items: readonly GroupItem[]) =>
  update((ops) => {
    for (const op of Object.values(ops)) {
      if (op.code !== INTERRUPTED) continue;
      if (
        !operationGoalReached(
          op.kind,
          items.find((i) => i.key === op.key),
        )
      )
        continue;
      delete ops[op.key];
    }
  });
