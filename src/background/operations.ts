import type { Operation } from '../core/pim-state.ts';
import { operationsItem } from '../platform/pim-items.ts';

// Progress and failures per item, in session storage, so a popup opened mid-operation shows it.
// Writes are serialised: two items' operations finishing together must not overwrite each other.
let queue: Promise<unknown> = Promise.resolve();

function update(change: (ops: Record<string, Operation>) => void): Promise<void> {
  const next = queue.then(async () => {
    const ops = await operationsItem.get();
    change(ops);
    await operationsItem.set(ops);
  });
  queue = next.catch(() => undefined);
  return next;
}

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
