import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { packageName, type Target } from '../../scripts/targets.ts';
import { unzipTo } from './unzip.ts';

/** Where `npm run package` writes a target's zip. */
export const packageFile = (target: Target) => join('packages', packageName(target, pkg.version));

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
