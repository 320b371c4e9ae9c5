import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import manifestSource from '../../manifest.json' with { type: 'json' };
import pkg from '../../package.json' with { type: 'json' };
import { type ExtensionSession, launchExtension } from '../e2e/harness.ts';
import { storeFile, type Unpacked, unpack } from './packages.ts';

// The zip uploaded to the Chrome Web Store and Edge Add-ons, unzipped and loaded into real headless
// Chromium: what a store reviewer (and then every user) gets must start and answer its popup.

/** The id `manifest.json`'s `key` gives unpacked builds (README "Load it in Edge or Chrome"). */
const DEV_ID = 'abjnondncbmdnoijkglepmcgffnjfoek';

let unpacked: Unpacked;
let ext: ExtensionSession;

beforeAll(async () => {
  unpacked = unpack('chromium');
  ext = await launchExtension({ extensionDir: unpacked.dir });
});
afterAll(async () => {
  await ext?.close();
  if (unpacked) rmSync(unpacked.dir, { recursive: true, force: true });
});

describe('the Chromium store package', () => {
  it('is one zip, named for each store it goes to (Chrome Web Store, Edge Add-ons)', () => {
    expect(readFileSync(storeFile('edge')).equals(readFileSync(storeFile('chrome')))).toBe(true);
  });

  it('has the package.json version and no `key`, which the stores reject in an upload', () => {
    expect(unpacked.manifest).toMatchObject({ manifest_version: 3, version: pkg.version });
    expect(unpacked.manifest).not.toHaveProperty('key');
    expect(unpacked.manifest.permissions).toEqual(manifestSource.permissions);
    // The offscreen auth host is not named in the manifest: it must still be in the zip.
    expect(unpacked.files).toContain('src/auth/host/index.html');
  });

  it('starts its service worker in Chromium, under an id of its own', async () => {
    expect(ext.worker.url()).toBe(
      ext.url(String((unpacked.manifest.background as { service_worker: string }).service_worker)),
    );
    // Without `key`, Chromium derives the id from the folder: proof the zip's manifest is the one loaded.
    expect(ext.extensionId).toMatch(/^[a-p]{32}$/);
    expect(ext.extensionId).not.toBe(DEV_ID);
    expect(await ext.worker.evaluate(() => chrome.runtime.getManifest().version)).toBe(pkg.version);
  });

  it('opens the popup, which reaches the service worker', async () => {
    const popup = await ext.openPopup();
    await expect.poll(() => popup.getByRole('status').textContent()).toBe(`Version ${pkg.version}`);
    expect(ext.pageErrors).toEqual([]);
    await popup.close();
  });
});
