import { execFileSync } from 'node:child_process';
import { GECKO_MIN_VERSION } from '../../../scripts/targets.ts';
import { isStale } from '../../build-freshness.ts';
import { firefoxPath } from './harness.ts';

/** Fails first, with what to do, when there is no Firefox or one the add-on does not support. */
function checkFirefox(): void {
  const path = firefoxPath();
  const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
  const major = Number(/(\d+)\.\d/.exec(version)?.[1]);
  const minimum = Number.parseInt(GECKO_MIN_VERSION, 10);
  if (!(major >= minimum)) {
    throw new Error(
      `${version || 'An unknown Firefox'} at ${path} is older than Firefox ${minimum}, the add-on's minimum (strict_min_version). Debian ships a newer ESR in its security updates: "sudo apt-get update && sudo apt-get install -y firefox-esr", or set FIREFOX_PATH.`,
    );
  }
}

/** Builds the Firefox package's folder (`dist-firefox/`) once for all Firefox files, unless it is newer than every source. */
export default function setup(): void {
  checkFirefox();
  if (isStale(['dist-firefox/manifest.json']))
    execFileSync('npx', ['vite', 'build', '--mode', 'firefox', '--logLevel', 'warn'], {
      stdio: 'inherit',
      // Vitest sets NODE_ENV=test, which Vite would carry into the build: the tests load what users run.
      env: { ...process.env, NODE_ENV: 'production' },
    });
}
