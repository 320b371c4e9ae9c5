import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// tsx's CLI run by this Node, so the test needs neither npx nor a shell.
const TSX = createRequire(import.meta.url).resolve('tsx/cli');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let out: string | undefined;
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

// The whole demo: an emulator and two browsers (Adele, then the approver Alex), each signing in.
// About 28 s on the idle 2-core machine; a shared machine at load 16 took 3 to 4 times as long
// for every e2e test (2026-12-06), so the limit leaves room for that.
const DEMO_LIMIT_MS = 120_000;

function runDemo(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // dist/ is built by the e2e global setup, hence --no-build.
    execFile(
      process.execPath,
      [TSX, 'scripts/demo.ts', ...args],
      { cwd: ROOT, timeout: DEMO_LIMIT_MS },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run demo -- --headless', () => {
  it(
    'signs in as the demo user and writes screenshots of the popup and the options page',
    async () => {
      out = await mkdtemp(join(tmpdir(), 'pim-demo-'));
      const { code, stdout, stderr } = await runDemo(['--headless', '--no-build', '--out', out]);
      expect(stderr, stdout).not.toContain('demo: failed');
      expect(code).toBe(0);
      expect(stdout).toMatch(/signed in as Adele Vance <adelev@contoso-demo\.onmicrosoft\.com> to Contoso Demo/);
      for (const name of ['popup.png', 'options.png', 'approver.png']) {
        expect(stdout).toContain(join(out, name));
        const png = await readFile(join(out, name));
        expect(png.subarray(0, 8).equals(PNG_SIGNATURE), `${name} is a PNG`).toBe(true);
        expect(png.length).toBeGreaterThan(1_000);
      }
    },
    DEMO_LIMIT_MS + 10_000,
  );

  it('refuses an unknown option with its usage and exit code 2', async () => {
    const { code, stderr } = await runDemo(['--headless', '--colour']);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: npm run demo');
  });
});
