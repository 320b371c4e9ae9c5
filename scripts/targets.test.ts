import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import manifest from '../manifest.json' with { type: 'json' };
import {
  GECKO_ID,
  manifestFor,
  outDirFor,
  packageName,
  STORES,
  storeManifest,
  targetOfMode,
  WORKER_FILE,
} from './targets.ts';

describe('manifestFor', () => {
  it('gives Chromium the source manifest with the package version and the built service worker', () => {
    expect(manifestFor('chromium', manifest, '1.2.3')).toEqual({
      ...manifest,
      version: '1.2.3',
      background: { service_worker: WORKER_FILE, type: 'module' },
    });
  });

  it('gives Firefox an event page, its add-on id and no Chromium-only keys or permissions', () => {
    const firefox = manifestFor('firefox', manifest, '1.2.3');
    expect(firefox.version).toBe('1.2.3');
    expect(firefox.background).toEqual({ scripts: [WORKER_FILE], type: 'module' });
    expect(firefox.permissions).toEqual(manifest.permissions.filter((p) => p !== 'offscreen'));
    expect(firefox).not.toHaveProperty('key');
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
    expect(firefox.browser_specific_settings).toEqual({
      gecko: {
        id: GECKO_ID,
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    });
  });

  it('keeps everything else as it is: hosts, CSP, pages, locale, managed schema', () => {
    const firefox = manifestFor('firefox', manifest, '1.2.3');
    const changed = ['key', 'minimum_chrome_version', 'background', 'permissions', 'version'];
    for (const [key, value] of Object.entries(manifest)) {
      if (!changed.includes(key)) expect(firefox[key], key).toEqual(value);
    }
  });
});

describe('packaging names', () => {
  it('strips only `key` for the Chromium stores', () => {
    const built = { ...manifest, version: '1.0.0' };
    const { key: _key, ...rest } = built;
    expect(storeManifest(built)).toEqual(rest);
  });

  it('names zips by version and store, one per store, and keeps dist/ for Chromium', () => {
    expect(packageName('firefox', '1.2.3')).toBe('pim-groups-companion-1.2.3-firefox.zip');
    expect(packageName('edge', '1.2.3')).toBe('pim-groups-companion-1.2.3-edge.zip');
    expect(Object.values(STORES).flat().sort()).toEqual(['chrome', 'edge', 'firefox']);
    expect(outDirFor('chromium')).toBe('dist');
    expect(outDirFor('firefox')).toBe('dist-firefox');
  });

  it('builds Firefox only for `--mode firefox`', () => {
    expect(targetOfMode('firefox')).toBe('firefox');
    expect(targetOfMode('production')).toBe('chromium');
    expect(targetOfMode('development')).toBe('chromium');
  });
});

describe('the Firefox redirect URI', () => {
  it('is documented as Firefox computes it: https://<SHA-1 of the add-on id, hex>.extensions.allizom.org/', () => {
    const uri = `https://${createHash('sha1').update(GECKO_ID).digest('hex')}.extensions.allizom.org/`;
    expect(readFileSync('docs/app-registration.md', 'utf8')).toContain(uri);
    expect(readFileSync('README.md', 'utf8')).toContain(uri);
  });
});
