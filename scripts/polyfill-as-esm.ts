import type { Plugin } from 'vite';

// webextension-polyfill ships as UMD, which the bundler takes for CommonJS. Imported as it is, the
// bundler's CommonJS interop (`__toESM`) makes a namespace object by reading the property
// descriptor of everything the module exports. Where the browser has its own `browser` namespace
// (Firefox; Chrome from 148), the polyfill exports that object as it is, and reading the descriptor
// of each API namespace on it makes the browser build that API's bindings: in the popup that was
// `windows`, `commands`, `notifications`, `action`, `omnibox`, `identity` and more, none of them
// used (about 1 ms of the popup's CPU profile, and the same at each start of the service worker).
// This build step gives the UMD the `module` it looks for and exports what it sets as the module's
// one default export, so no interop copy is made. The build fails loudly if a polyfill update
// changes the wrapper this expects.

const POLYFILL = /[\\/]node_modules[\\/]webextension-polyfill[\\/]dist[\\/]browser-polyfill\.js$/;
/** The UMD wrapper's CommonJS branch: it calls the factory with the `module` in scope. */
const COMMONJS_BRANCH = /\} else if \(typeof exports !== "undefined"\) \{\s*factory\(module\);/;

/** The polyfill's UMD source as an ES module whose default export is what the UMD sets as `module.exports`. */
export function polyfillAsModule(source: string): string {
  if (!COMMONJS_BRANCH.test(source)) {
    throw new Error('webextension-polyfill no longer has the UMD wrapper scripts/polyfill-as-esm.ts expects');
  }
  return `const module = { exports: {} };\nconst exports = module.exports;\n${source}\nexport default module.exports;\n`;
}

export function polyfillAsEsm(): Plugin {
  return {
    name: 'pim:polyfill-as-esm',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!POLYFILL.test(id)) return undefined;
      return { code: polyfillAsModule(code), map: null };
    },
  };
}
