import type { Plugin } from 'vite';

// Vite wraps each dynamic `import()` of a browser build in its preload helper, which adds
// `<link>` tags for the imported chunk's dependencies before importing it. With `modulePreload:
// false` (vite.config.ts) the only dependencies it would still load are a chunk's style sheets,
// and the popup's lazy chunks have none (their styles are in the popup's own sheet), so every call
// passes an empty list, yet the helper's 1.5 KB (0.7 KB gzip) were in the popup's first paint. This
// build step makes the helper a plain `import()`, and fails the build if a chunk ever gains a
// dependency the helper would have had to load (Vite then lists it with `__vite__mapDeps`).

/** Vite's id of the helper's module. */
const PRELOAD_HELPER = '\0vite/preload-helper.js';

/** The helper's module with nothing to preload: it imports, as `import()` does. */
export const PLAIN_IMPORT = 'export const __vitePreload = (load) => load();\n';

export function noPreloadHelper(): Plugin {
  return {
    name: 'pim:no-preload-helper',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      return id === PRELOAD_HELPER ? PLAIN_IMPORT : undefined;
    },
    renderChunk(code, chunk) {
      if (code.includes('__vite__mapDeps')) {
        throw new Error(
          `${chunk.fileName} imports a chunk that needs a style sheet or other file loaded first; ` +
            'scripts/no-preload-helper.ts would skip it: import the styles where the chunk is imported',
        );
      }
      return null;
    },
  };
}
