import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { packageName, STORES, type Store, type Target } from '../../scripts/targets.ts';
import { unzipTo } from './unzip.ts';

/** Where `npm run package` writes a store's zip. */
export const storeFile = (store: Store) => join('packages', packageName(store, pkg.version));

/** A target's zip (the first store it goes to; the others get a copy). */
export const packageFile = (target: Target) => storeFile(STORES[target][0] as Store);

export interface Unpacked {
  dir: string;
  files: string[];
  manifest: Record<string, unknown>;
}

/** A package's contents in a fresh temporary folder, as a store or a browser would unpack it. */
export function unpack(target: Target): Unpacked {
  const dir = mkdtempSync(join(tmpdir(), `pim-${target}-package-`));
  const files = unzipTo(packageFile(target), dir);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  return { dir, files, manifest };
}
