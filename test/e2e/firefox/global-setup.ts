import { execFileSync } from 'node:child_process';
import { isStale } from '../../build-freshness.ts';
import { firefoxPath } from './harness.ts';

/** Builds the Firefox package's folder (`dist-firefox/`) once for all Firefox files, unless it is newer than every source. */
export default function setup(): void {
  firefoxPath(); // fail first, with the install hint, if there is no Firefox
  if (isStale(['dist-firefox/manifest.json']))
    execFileSync('npx', ['vite', 'build', '--mode', 'firefox', '--logLevel', 'warn'], { stdio: 'inherit' });
}
