import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { GECKO_ID } from '../../scripts/targets.ts';
import { type Unpacked, unpack } from './packages.ts';

// The zip uploaded to addons.mozilla.org. There is no Firefox here, so this checks what can be
// checked without one: the manifest Firefox reads, and Mozilla's own linter (`web-ext lint`, the
// checks AMO runs on upload) on the zip's contents.

interface Finding {
  code: string;
  message: string;
  file?: string;
  line?: number;
}
interface LintReport {
  errors: Finding[];
  warnings: Finding[];
  notices: Finding[];
}

let unpacked: Unpacked;

beforeAll(() => {
  unpacked = unpack('firefox');
});
afterAll(() => {
  if (unpacked) rmSync(unpacked.dir, { recursive: true, force: true });
});

describe('the Firefox package', () => {
  it('has an event page background, a fixed add-on id and no offscreen permission', () => {
    const { manifest } = unpacked;
    expect(manifest).toMatchObject({
      manifest_version: 3,
      version: pkg.version,
      background: { scripts: [expect.stringMatching(/\.js$/)], type: 'module' },
      browser_specific_settings: { gecko: { id: GECKO_ID, data_collection_permissions: { required: ['none'] } } },
    });
    expect(manifest).not.toHaveProperty('key');
    expect(manifest.permissions).not.toContain('offscreen');
    // Firefox runs MSAL in the background page: the offscreen host page is not shipped.
    expect(unpacked.files).not.toContain('src/auth/host/index.html');
  });

  // About 4 s alone; the margin is for a busy CI machine.
  it('passes web-ext lint with no errors, warnings or notices', { timeout: 120_000 }, () => {
    const lint = spawnSync(
      'npx',
      ['web-ext', 'lint', '--source-dir', unpacked.dir, '--output', 'json', '--no-config-discovery'],
      {
        encoding: 'utf8',
      },
    );
    const report = JSON.parse(lint.stdout) as LintReport;
    const findings = [...report.errors, ...report.warnings, ...report.notices].map(
      (f) => `${f.code} ${f.file ?? ''}:${f.line ?? ''} ${f.message}`,
    );
    expect(findings).toEqual([]);
    expect(lint.status).toBe(0);
  });
});
