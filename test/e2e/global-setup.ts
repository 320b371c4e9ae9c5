import { execFileSync } from 'node:child_process';
import { isStale } from '../build-freshness.ts';
import { chromiumPath } from './chromium-path.ts';
import { clearResults, printTable } from './fault-matrix/table.ts';

/**
 * Builds the extension once for all e2e files, unless `dist/` is already newer than every source.
 * Returns the teardown, which prints the fault matrix when its rows ran.
 */
export default function setup(): () => void {
  chromiumPath(); // fail first, with the install hint, if there is no browser
  if (isStale(['dist/manifest.json']))
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
      stdio: 'inherit',
      // Vitest sets NODE_ENV=test, which Vite would carry into the build: the tests load what users run.
      env: { ...process.env, NODE_ENV: 'production' },
    });
  clearResults();
  return printTable;
}
