import { schemaVersionItem } from './items.ts';
import { log } from './log.ts';
import { storageArea } from './storage.ts';

/** What a migration may touch: raw `local` storage, before any typed item reads it. */
export interface RawStore {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  set(values: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface Migration {
  /** The schema version this migration produces; versions increase by one. */
  to: number;
  describe: string;
  run(store: RawStore): Promise<void>;
}

/** Ordered: append only. Never edit a released migration; add a new one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    to: 1,
    describe: 'initial layout: namespaced keys and a schema version',
    async run() {},
  },
];

export interface MigrationReport {
  from: number;
  to: number;
  applied: number[];
  /** Set when stored data came from a newer version we cannot read: it was cleared, with this reason. */
  reset?: string;
}

function localStore(): RawStore {
  const area = storageArea('local');
  return {
    get: (keys) => area.get(keys),
    set: (values) => area.set(values),
    remove: (keys) => area.remove(keys),
  };
}

/** Runs the pending migrations in order, on install and update. Safe to run twice. */
export async function migrate(
  migrations: readonly Migration[] = MIGRATIONS,
  store = localStore(),
): Promise<MigrationReport> {
  migrations.forEach((m, i) => {
    if (m.to !== i + 1) throw new Error(`migration ${i} must produce version ${i + 1}, not ${m.to}`);
  });
  const latest = migrations.length;
  const from = await schemaVersionItem.get();
  const report: MigrationReport = { from, to: latest, applied: [] };

  if (from > latest) {
    // A downgrade: the data was written by a newer release whose layout we do not know.
    // Keeping it could mislead every reader, so start clean and say why.
    report.reset = `stored schema version ${from} is newer than this release (${latest}); local data was reset`;
    log.warn('migrations', report.reset);
    await store.remove(Object.keys(await store.get(null)));
    await schemaVersionItem.set(latest);
    return report;
  }
  for (const migration of migrations.slice(from)) {
    log.info('migrations', `to version ${migration.to}: ${migration.describe}`);
    await migration.run(store);
    await schemaVersionItem.set(migration.to);
    report.applied.push(migration.to);
  }
  return report;
}
