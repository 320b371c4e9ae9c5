// `npm run size` (part of `npm test`): fails when the popup loads more gzipped JS before its first
// paint than issue 8's budget. Size, not time, so it is stable on any machine.
import { fileURLToPath } from 'node:url';
import { firstPaintBytes } from './bundle.ts';

/** Issue 8: the popup's JS before first paint, gzip, in kB as Vite prints them (1 kB = 1,000 bytes). */
export const POPUP_JS_BUDGET_GZIP = 20_000;

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const popup = firstPaintBytes(dist, 'src/popup/index.html');
console.log(
  `popup first paint: JS ${popup.js.raw} B raw, ${popup.js.gzip} B gzip (budget ${POPUP_JS_BUDGET_GZIP}); ` +
    `CSS ${popup.css.gzip} B gzip; files: ${popup.files.join(', ')}`,
);
if (popup.js.gzip > POPUP_JS_BUDGET_GZIP) {
  console.error(
    `The popup loads ${popup.js.gzip} B of gzipped JS before its first paint; the budget is ${POPUP_JS_BUDGET_GZIP} B (issue 8). ` +
      'Move code that the first paint does not need behind import().',
  );
  process.exit(1);
}
