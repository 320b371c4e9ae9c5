// `npm run size` (part of `npm test`): fails when the popup loads more gzipped JS before its first
// paint than its budget, or when that JS no longer holds webextension-polyfill (the one provider of
// the `browser` namespace, platform/browser.ts: the budget makes room for it, so it must be there).
// Size, not time, so it is stable on any machine. It also fails when a built file loads the
// polyfill through the bundler's CommonJS interop (scripts/polyfill-as-esm.ts says why not), or
// holds Vite's preload helper (scripts/no-preload-helper.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstPaintBytes } from './bundle.ts';

/** Issue 18: the popup's JS before first paint, gzip, in kB as Vite prints them (1 kB = 1,000 bytes). */
export const POPUP_JS_BUDGET_GZIP = 24_000;

/** A string only webextension-polyfill's code holds (its marker for a rejected `sendMessage` reply). */
export const POLYFILL_MARKER = '__mozWebExtensionPolyfillReject__';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const popup = firstPaintBytes(dist, 'src/popup/index.html');
const withPolyfill = popup.files.filter(
  (file) => file.endsWith('.js') && readFileSync(join(dist, file), 'utf8').includes(POLYFILL_MARKER),
);
console.log(
  `popup first paint: JS ${popup.js.raw} B raw, ${popup.js.gzip} B gzip (budget ${POPUP_JS_BUDGET_GZIP}); ` +
    `CSS ${popup.css.gzip} B gzip; files: ${popup.files.join(', ')}; webextension-polyfill in: ${withPolyfill.join(', ') || 'none'}`,
);
if (withPolyfill.length === 0) {
  console.error(
    'The popup’s first-paint JS does not hold webextension-polyfill: platform/browser.ts must take the `browser` namespace from it.',
  );
  process.exit(1);
}
// The interop's helper reads property descriptors; nothing else in these files does (checked when
// polyfill-as-esm.ts came in). Every context's build: popup, worker, options, auth host.
const builtJs = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
const throughInterop = builtJs.filter((file) => {
  const code = readFileSync(join(dist, file), 'utf8');
  return code.includes(POLYFILL_MARKER) && code.includes('getOwnPropertyDescriptor');
});
if (throughInterop.length > 0) {
  console.error(
    `${throughInterop.join(', ')}: webextension-polyfill is loaded through the bundler's CommonJS interop, ` +
      'which reads every API namespace of the browser’s own `browser` object: add the polyfillAsEsm() plugin to that build (vite.config.ts).',
  );
  process.exit(1);
}
// Vite's preload helper says `vite:preloadError` when an import fails; the plain import that
// scripts/no-preload-helper.ts puts in its place says nothing of the kind.
const withPreloadHelper = builtJs.filter((file) =>
  readFileSync(join(dist, file), 'utf8').includes('vite:preloadError'),
);
if (withPreloadHelper.length > 0) {
  console.error(
    `${withPreloadHelper.join(', ')}: holds Vite's preload helper, which has nothing to preload in an extension: ` +
      'add the noPreloadHelper() plugin to that build (vite.config.ts).',
  );
  process.exit(1);
}
if (popup.js.gzip > POPUP_JS_BUDGET_GZIP) {
  console.error(
    `The popup loads ${popup.js.gzip} B of gzipped JS before its first paint; the budget is ${POPUP_JS_BUDGET_GZIP} B (issue 18). ` +
      'Move code that the first paint does not need behind import().',
  );
  process.exit(1);
}
