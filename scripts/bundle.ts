import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

// What a page or worker loads before it can run, read from the built files themselves (the
// HTML's scripts, module preloads and style sheets, then every static `import … from` inside the
// JS), so the figures follow the build as it changes instead of a list of file names.

export interface Size {
  raw: number;
  /** Each file gzipped on its own (zlib's default level), then summed. */
  gzip: number;
}
export interface LoadedBytes {
  js: Size;
  css: Size;
  /** Paths relative to the dist directory, in the order they were found. */
  files: string[];
}

const TAG = /<(script|link)\b([^>]*)>/gi;
const attr = (attrs: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(attrs)?.[1];

// Static imports and re-exports only: `import(…)` is loaded later, on demand. Built code is
// minified (`import{a as b}from"./x.js"`), so the keywords may touch the braces and quotes.
const STATIC_IMPORT = /(?:^|[^.\w$])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+)["']/g;

/** The module specifiers a JS file imports statically. */
export function staticImports(code: string): string[] {
  return [...code.matchAll(STATIC_IMPORT)].map((m) => m[1] as string);
}

/** The scripts, module preloads and style sheets an HTML page asks for before it renders. */
export function pageResources(html: string): string[] {
  const found: string[] = [];
  for (const [, tag, attrs = ''] of html.matchAll(TAG)) {
    const rel = attr(attrs, 'rel')?.toLowerCase();
    const url =
      tag?.toLowerCase() === 'script'
        ? attr(attrs, 'src')
        : rel === 'stylesheet' || rel === 'modulepreload'
          ? attr(attrs, 'href')
          : undefined;
    if (url) found.push(url);
  }
  return found;
}

function resolveUrl(distDir: string, fromFile: string, url: string): string | undefined {
  if (/^[a-z][\w+.-]*:/i.test(url)) return undefined; // another origin or a data: URL: not ours
  return url.startsWith('/') ? join(distDir, url) : resolve(dirname(fromFile), url);
}

function measure(distDir: string, entries: Array<{ from: string; url: string }>): LoadedBytes {
  const seen = new Set<string>();
  const result: LoadedBytes = { js: { raw: 0, gzip: 0 }, css: { raw: 0, gzip: 0 }, files: [] };
  const queue = [...entries];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const file = resolveUrl(distDir, next.from, next.url);
    if (!file || seen.has(file)) continue;
    seen.add(file);
    const bytes = readFileSync(file);
    const size = file.endsWith('.css') ? result.css : result.js;
    size.raw += bytes.length;
    size.gzip += gzipSync(bytes).length;
    result.files.push(relative(distDir, file));
    if (!file.endsWith('.css')) {
      for (const url of staticImports(bytes.toString('utf8'))) queue.push({ from: file, url });
    }
  }
  return result;
}

/** JS and CSS an extension page (e.g. `src/popup/index.html`) loads before its first paint. */
export function firstPaintBytes(distDir: string, htmlPath: string): LoadedBytes {
  const page = join(distDir, htmlPath);
  const html = readFileSync(page, 'utf8');
  return measure(
    distDir,
    pageResources(html).map((url) => ({ from: page, url })),
  );
}

/** JS a module script (e.g. the service worker's loader) runs before its first line: it and its static imports. */
export function scriptBytes(distDir: string, scriptPath: string): LoadedBytes {
  return measure(distDir, [{ from: join(distDir, 'index.html'), url: `/${scriptPath.replace(/^\//, '')}` }]);
}
