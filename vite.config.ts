import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { contextBuilds } from './scripts/context-builds.ts';

// manifest.json is the source; the version always comes from package.json so the two never drift.
// crxjs builds the popup (and the auth host); the worker and the options page get builds of their
// own so that the popup carries none of their code (scripts/context-builds.ts says why).
const { background, options_ui, ...rest } = manifest;
const popupManifest = { ...rest, version: pkg.version } as ManifestV3Export;
const target = 'chrome116';
const WORKER_FILE = 'background.js';

export default defineConfig({
  plugins: [
    preact(),
    crx({ manifest: popupManifest }),
    contextBuilds({
      target,
      builds: [
        {
          input: background.service_worker,
          file: WORKER_FILE,
          manifest: { background: { ...background, service_worker: WORKER_FILE } },
        },
        { input: options_ui.page, plugins: [preact()], manifest: { options_ui } },
      ],
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in the shipped build: they would double its size and serve no user.
    sourcemap: false,
    target,
    // Extension pages run in browsers with native modulepreload: the polyfill is bytes on every popup open.
    modulePreload: { polyfill: false },
    rollupOptions: {
      // The offscreen auth host is not named in the manifest, so crxjs needs it listed here.
      input: { authHost: 'src/auth/host/index.html' },
    },
  },
});
