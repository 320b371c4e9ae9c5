/**
 * Store packages from fresh production builds:
 *   npx tsx scripts/package.ts        (npm run package)
 * writes packages/pim-groups-companion-<version>-chrome.zip and …-edge.zip (Chrome Web Store and
 * Edge Add-ons: the same MV3 zip under each store's name) and …-firefox.zip (addons.mozilla.org),
 * and prints their paths and sizes. The version is package.json's.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import pkg from '../package.json' with { type: 'json' };
import { outDirFor, packageName, STORES, storeManifest, TARGETS, type Target } from './targets.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = join(ROOT, 'packages');

function run(command: string, args: string[]): void {
  execFileSync(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

function build(target: Target): string {
  run('npx', ['vite', 'build', '--mode', target === 'firefox' ? 'firefox' : 'production', '--logLevel', 'warn']);
  return join(ROOT, outDirFor(target));
}

/** The folder to zip: Chromium's build with the store manifest (no `key`) in a copy, Firefox's as built. */
function stage(target: Target, built: string): { dir: string; cleanup: () => void } {
  if (target !== 'chromium') return { dir: built, cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'pim-package-'));
  cpSync(built, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(manifestPath, `${JSON.stringify(storeManifest(manifest), null, 2)}\n`);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Zips with web-ext (already a dev dependency for `web-ext lint`), which writes what the stores expect. */
function zip(dir: string, filename: string): string {
  run('npx', [
    'web-ext',
    'build',
    '--source-dir',
    dir,
    '--artifacts-dir',
    PACKAGES,
    '--filename',
    filename,
    '--overwrite-dest',
    '--no-config-discovery',
  ]);
  return join(PACKAGES, filename);
}

function main(): void {
  mkdirSync(PACKAGES, { recursive: true });
  const written: string[] = [];
  for (const target of TARGETS) {
    const staged = stage(target, build(target));
    try {
      const [first, ...others] = STORES[target].map((store) => packageName(store, pkg.version));
      const zipped = zip(staged.dir, first as string);
      written.push(zipped);
      for (const name of others) {
        copyFileSync(zipped, join(PACKAGES, name));
        written.push(join(PACKAGES, name));
      }
    } finally {
      staged.cleanup();
    }
  }
  for (const file of written) {
    process.stdout.write(`${relative(process.cwd(), file)}  ${(statSync(file).size / 1024).toFixed(1)} KiB\n`);
  }
}

main();
