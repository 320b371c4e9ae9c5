import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { schemaVersionItem } from './items.ts';
import { MIGRATIONS, type Migration, migrate } from './migrations.ts';

const steps = (log: number[]): Migration[] => [
  { to: 1, describe: 'one', run: async () => void log.push(1) },
  {
    to: 2,
    describe: 'rename settings:old to settings:new',
    run: async (store) => {
      log.push(2);
      const { 'settings:old': old } = await store.get(['settings:old']);
      if (old !== undefined) await store.set({ 'settings:new': old });
      await store.remove(['settings:old']);
    },
  },
];

describe('migrations', () => {
  it('runs every migration in order on a fresh install and records the version', async () => {
    const ran: number[] = [];
    const report = await migrate(steps(ran));
    expect(ran).toEqual([1, 2]);
    expect(report).toEqual({ from: 0, to: 2, applied: [1, 2] });
    expect(await schemaVersionItem.get()).toBe(2);
  });

  it('runs only the pending ones on update, and moves data', async () => {
    await fakeBrowser.storage.local.set({ 'meta:schemaVersion': 1, 'settings:old': 'kept' });
    const ran: number[] = [];
    await migrate(steps(ran));
    expect(ran).toEqual([2]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ 'meta:schemaVersion': 2, 'settings:new': 'kept' });
  });

  it('is a no-op the second time', async () => {
    const ran: number[] = [];
    await migrate(steps(ran));
    const again = await migrate(steps(ran));
    expect(again.applied).toEqual([]);
    expect(ran).toEqual([1, 2]);
  });

  it('resets data from a newer release, with the reason logged', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.local.set({ 'meta:schemaVersion': 7, 'settings:future': { x: 1 } });
    const report = await migrate(steps([]));
    expect(report.reset).toMatch(/newer than this release/);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ 'meta:schemaVersion': 2 });
    expect(warn).toHaveBeenCalled();
  });

  it('treats a corrupt version as never migrated', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.local.set({ 'meta:schemaVersion': 'two' });
    expect((await migrate(steps([]))).from).toBe(0);
  });

  it('refuses a list with gaps', async () => {
    await expect(migrate([{ to: 2, describe: 'gap', run: async () => {} }])).rejects.toThrow(/version 1/);
  });

  it('ships a valid list', async () => {
    expect((await migrate(MIGRATIONS)).to).toBe(MIGRATIONS.length);
  });
});
