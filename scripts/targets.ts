// The browsers we build for, and how each one's manifest differs from the source `manifest.json`.
// `vite.config.ts` builds one target per run (`vite build --mode firefox` for Firefox);
// `scripts/package.ts` builds and zips both. Kept free of Vite imports so the unit tests can check the manifests directly.

export type Target = 'chromium' | 'firefox';

export const TARGETS: readonly Target[] = ['chromium', 'firefox'];

/**
 * The add-on's permanent Firefox id. It fixes the sign-in redirect URI
 * (`https://<sha1 of this id>.extensions.allizom.org/`), so it must never change once published.
 */
export const GECKO_ID = 'pim-groups-companion@pim-groups-companion.github.io';

/**
 * `gecko.data_collection_permissions` (which addons.mozilla.org requires) arrived in Firefox 140 on
 * desktop and 142 on Android, and `gecko.strict_min_version` applies to both unless a
 * `gecko_android` key says otherwise: 142 keeps `web-ext lint` quiet without claiming Android
 * support (Firefox for Android has no `identity.launchWebAuthFlow`, so sign-in cannot work there).
 * Everything else used here (MV3 event pages with `type: module`, `optional_host_permissions`,
 * `storage.managed`) is older.
 */
export const GECKO_MIN_VERSION = '142.0';

/** Where `vite build` writes each target: `dist/` stays Chromium's, which the e2e tests and the demo load. */
export function outDirFor(target: Target): string {
  return target === 'chromium' ? 'dist' : `dist-${target}`;
}

export type Store = 'chrome' | 'edge' | 'firefox';

/**
 * The stores each build goes to. Chrome Web Store and Edge Add-ons take the same MV3 zip; it is
 * written under each store's name so that whoever uploads picks the file named for their store.
 */
export const STORES: Record<Target, readonly Store[]> = { chromium: ['chrome', 'edge'], firefox: ['firefox'] };

/** The store package's file name, e.g. `pim-groups-companion-1.2.0-edge.zip`. */
export function packageName(store: Store, version: string): string {
  return `pim-groups-companion-${version}-${store}.zip`;
}

/** The target of a Vite mode: `vite build --mode firefox` builds Firefox's; any other mode Chromium's. */
export function targetOfMode(mode: string): Target {
  return mode === 'firefox' ? 'firefox' : 'chromium';
}

// Loose on purpose: this only rearranges keys, and crxjs validates the result.
type Manifest = Record<string, unknown> & {
  permissions?: string[];
  background?: Record<string, unknown>;
};

/** The background script as built (scripts/context-builds.ts): one file at the package root. */
export const WORKER_FILE = 'background.js';

/** The manifest as shipped for one browser: the version from package.json, the built background. */
export function manifestFor(target: Target, source: Manifest, version: string): Manifest {
  const manifest: Manifest = { ...source, version };
  if (target === 'chromium') return { ...manifest, background: { service_worker: WORKER_FILE, type: 'module' } };

  // Firefox has no offscreen documents and no MV3 service workers: the background is an event page
  // (which has a DOM, so MSAL runs there; see src/auth/host-link.ts).
  const { key: _key, minimum_chrome_version: _minimumChrome, ...firefox } = manifest;
  // `key` fixes the Chromium id only; Firefox's id is `gecko.id`.
  return {
    ...firefox,
    background: { scripts: [WORKER_FILE], type: 'module' },
    permissions: (source.permissions ?? []).filter((p) => p !== 'offscreen'),
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: GECKO_MIN_VERSION,
        // Nothing is sent to us or any third party: sign-in and Graph calls go only to the user's own
        // organisation's Microsoft tenant, as the user asks. That is our reading of Mozilla's data
        // consent policy; if an AMO reviewer counts those calls, declare the type here instead
        // (e.g. `authenticationInfo`).
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}

/**
 * The manifest as uploaded to the Chrome Web Store and Edge Add-ons: without `key`. The stores
 * assign their own id (and signing key) to a new item and reject or strip a `key` in an upload;
 * the dev id that `key` fixes is for unpacked builds only (tests, demo, side-loading).
 */
export function storeManifest(built: Record<string, unknown>): Record<string, unknown> {
  const { key: _key, ...rest } = built;
  return rest;
}
