import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

// manifest.json is the source; the version always comes from package.json so the two never drift.
const built = { ...manifest, version: pkg.version } as ManifestV3Export;

export default defineConfig({
  plugins: [preact(), crx({ manifest: built })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in the shipped build: they would double its size and serve no user.
    sourcemap: false,
    target: 'chrome116',
    // Extension pages run in browsers with native modulepreload: the polyfill is bytes on every popup open.
    modulePreload: { polyfill: false },
    rollupOptions: {
      // The offscreen auth host is not named in the manifest, so crxjs needs it listed here.
      input: { authHost: 'src/auth/host/index.html' },
    },
  },
});
