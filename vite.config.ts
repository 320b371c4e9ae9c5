import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { noInnerHtml } from './scripts/no-inner-html.ts';
import { manifestFor, outDirFor, targetOfMode } from './scripts/targets.ts';

// One browser per build: `vite build` for Edge and Chrome (dist/), `vite build --mode firefox` for
// Firefox (dist-firefox/). manifest.json is the source; the version always comes from package.json.
export default defineConfig(({ mode }) => {
  const target = targetOfMode(mode);
  // manifestFor only rearranges keys of a valid manifest; crxjs validates the result.
  const built = manifestFor(target, manifest, pkg.version) as unknown as ManifestV3Export;
  // The offscreen auth host is not named in the manifest, so crxjs needs it listed here.
  // Firefox runs MSAL in the background page instead and needs no such page.
  const pages: Record<string, string> = target === 'chromium' ? { authHost: 'src/auth/host/index.html' } : {};
  return {
    plugins: [preact(), noInnerHtml(), crx({ manifest: built, browser: target === 'firefox' ? 'firefox' : 'chrome' })],
    // A constant, so each build drops the other browser's branches (see src/auth/host-link.ts).
    define: { __TARGET__: JSON.stringify(target) },
    build: {
      outDir: outDirFor(target),
      emptyOutDir: true,
      // No source maps in the shipped build: they would double its size and serve no user.
      sourcemap: false,
      target: target === 'firefox' ? 'firefox142' : 'chrome116',
      // Extension pages run in browsers with native modulepreload: the polyfill is bytes on every popup open.
      modulePreload: { polyfill: false },
      rollupOptions: { input: pages },
    },
  };
});
