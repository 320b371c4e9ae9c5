import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Test setups build only when an output is older than what it is built from, so a test run right
// after `npm run build` / `npm run package` does not build again.

const SOURCES = [
  'src',
  'public',
  'manifest.json',
  'package.json',
  'vite.config.ts',
  // vite.config.ts's own imports, and the packaging step
  'scripts/targets.ts',
  'scripts/no-inner-html.ts',
  'scripts/package.ts',
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** True when any output file is missing or older than any source. */
export function isStale(outputs: string[]): boolean {
  if (outputs.some((o) => !existsSync(o))) return true;
  const oldest = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  return SOURCES.some((s) => existsSync(s) && newestMtime(s) > oldest);
}
