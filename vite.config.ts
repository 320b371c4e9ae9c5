import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { contextBuilds } from './scripts/context-builds.ts';
import { noInnerHtml } from './scripts/no-inner-html.ts';
import { noPreloadHelper } from './scripts/no-preload-helper.ts';
import { polyfillAsEsm } from './scripts/polyfill-as-esm.ts';
import { manifestFor, outDirFor, targetOfMode, WORKER_FILE } from './scripts/targets.ts';

// One browser per build: `vite build` for Edge and Chrome (dist/), `vite build --mode firefox` for
// Firefox (dist-firefox/). manifest.json is the source; the version always comes from package.json.
// crxjs builds the manifest and the popup; the background, the options page and Chromium's auth host
// get builds of their own so that the popup carries none of their code (scripts/context-builds.ts says why).
export default defineConfig(({ mode }) => {
  const target = targetOfMode(mode);
  // manifestFor only rearranges keys of a valid manifest; crxjs validates the result.
  const { background, options_ui, ...popupManifest } = manifestFor(target, manifest, pkg.version);
  // Chromium's offscreen auth host (not named in the manifest: the worker opens it by URL) gets a build
  // of its own too. Firefox runs MSAL in the background page instead and needs no such page.
  const authHost = target === 'chromium' ? [{ input: 'src/auth/host/index.html', manifest: {} }] : [];
  const esTarget = target === 'firefox' ? 'firefox142' : 'chrome116';
  // A constant, so each build drops the other browser's branches (see src/auth/host-link.ts).
  const define = { __TARGET__: JSON.stringify(target) };
  return {
    plugins: [
      preact(),
      noInnerHtml(),
      polyfillAsEsm(),
      noPreloadHelper(),
      crx({
        manifest: popupManifest as unknown as ManifestV3Export,
        browser: target === 'firefox' ? 'firefox' : 'chrome',
      }),
      contextBuilds({
        target: esTarget,
        define,
        plugins: [noInnerHtml(), polyfillAsEsm(), noPreloadHelper()],
        builds: [
          // A Chromium service worker cannot import() at all; Firefox's event page loads MSAL lazily.
          {
            input: manifest.background.service_worker,
            file: WORKER_FILE,
            split: target === 'firefox',
            manifest: { background },
          },
          { input: manifest.options_ui.page, plugins: [preact()], manifest: { options_ui } },
          ...authHost,
        ],
      }),
    ],
    define,
    build: {
      outDir: outDirFor(target),
      emptyOutDir: true,
      // No source maps in the shipped build: they would double its size and serve no user.
      sourcemap: false,
      target: esTarget,
      // No preload links: an extension's chunks load from local disk, where preloading saves nothing.
      modulePreload: false,
    },
  };
});
