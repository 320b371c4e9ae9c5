import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from './chromium-path.ts';
import { clearResults, printTable } from './fault-matrix/table.ts';

const SOURCES = ['src', 'public', 'manifest.json', 'package.json', 'vite.config.ts'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * Builds the extension once for all e2e files, unless `dist/` is already newer than every source.
 * Returns the teardown, which prints the fault matrix when its rows ran.
 */
export default function setup(): () => void {
  chromiumPath(); // fail first, with the install hint, if there is no browser
  const built = 'dist/manifest.json';
  const stale = !existsSync(built) || SOURCES.some((s) => existsSync(s) && newestMtime(s) > statSync(built).mtimeMs);
  if (stale) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  clearResults();
  return printTable;
}
