// What a page of the built extension loads before its first paint: the HTML's module script, its
// modulepreloads and stylesheets, and every module those import statically (not `import()`: lazy
// chunks load after the first paint). `npm test` runs this with --check against the popup's budget.
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}

export interface FirstPaint {
  js: FileSize[];
  css: FileSize[];
}

/** Issue 8: the popup's JS before first paint, gzip, in kB as Vite prints them (1 kB = 1,000 bytes). */
export const POPUP_JS_BUDGET_GZIP = 20_000;

const ATTRIBUTE = (name: string) => new RegExp(`${name}\\s*=\\s*"([^"]+)"`);

/** Static `import … from "x"`, `import "x"` and `export … from "x"`; never `import("x")`. */
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[^"'()]*?\bfrom\s*)?["']([^"']+)["']/g;

function tags(html: string, name: string): string[] {
  return html.match(new RegExp(`<${name}\\b[^>]*>`, 'g')) ?? [];
}

/** An extension-absolute path ("/assets/x.js") or one relative to `from`, as a path inside dist. */
function resolve(ref: string, from: string): string {
  return ref.startsWith('/') ? ref.slice(1) : posix.join(posix.dirname(from), ref);
}

function size(distDir: string, file: string): FileSize {
  const bytes = readFileSync(join(distDir, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

export function firstPaint(distDir: string, htmlPath: string): FirstPaint {
  const html = readFileSync(join(distDir, htmlPath), 'utf8');
  const entries: string[] = [];
  const css: string[] = [];
  for (const tag of tags(html, 'script')) {
    const src = ATTRIBUTE('src').exec(tag)?.[1];
    if (src && /type\s*=\s*"module"/.test(tag)) entries.push(resolve(src, htmlPath));
  }
  for (const tag of tags(html, 'link')) {
    const href = ATTRIBUTE('href').exec(tag)?.[1];
    const rel = ATTRIBUTE('rel').exec(tag)?.[1];
    if (href && rel === 'modulepreload') entries.push(resolve(href, htmlPath));
    if (href && rel === 'stylesheet') css.push(resolve(href, htmlPath));
  }
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(distDir, file), 'utf8');
    for (const [, ref] of code.matchAll(STATIC_IMPORT))
      if (ref?.startsWith('.') || ref?.startsWith('/')) visit(resolve(ref, file));
  };
  for (const entry of entries) visit(entry);
  return { js: [...seen].map((f) => size(distDir, f)), css: [...new Set(css)].map((f) => size(distDir, f)) };
}

export const total = (files: FileSize[]) =>
  files.reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip }), { raw: 0, gzip: 0 });

function main(): void {
  const distDir = join(dirname(new URL(import.meta.url).pathname), '..', 'dist');
  const popup = firstPaint(distDir, 'src/popup/index.html');
  const js = total(popup.js);
  const css = total(popup.css);
  console.log(
    `popup first paint: JS ${popup.js.length} files, ${js.raw} B raw, ${js.gzip} B gzip; CSS ${css.raw} B raw, ${css.gzip} B gzip`,
  );
  for (const f of popup.js) console.log(`  ${f.file}  ${f.raw} B  ${f.gzip} B gzip`);
  if (process.argv.includes('--check') && js.gzip > POPUP_JS_BUDGET_GZIP) {
    console.error(
      `The popup loads ${js.gzip} B of gzipped JS before its first paint; the budget is ${POPUP_JS_BUDGET_GZIP} B (issue 8). Move code that the first paint does not need behind import().`,
    );
    process.exit(1);
  }
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) main();
