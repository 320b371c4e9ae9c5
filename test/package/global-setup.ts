import { execFileSync } from 'node:child_process';
import { TARGETS } from '../../scripts/targets.ts';
import { isStale } from '../build-freshness.ts';
import { chromiumPath } from '../e2e/chromium-path.ts';
import { packageFile } from './packages.ts';

/** Runs `npm run package` once for the package tests, unless the zips are newer than every source. */
export default function setup(): void {
  chromiumPath(); // fail first, with the install hint, if there is no browser
  if (isStale(TARGETS.map(packageFile))) execFileSync('npx', ['tsx', 'scripts/package.ts'], { stdio: 'inherit' });
}
