import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstPaintBytes, pageResources, scriptBytes, staticImports } from './bundle.ts';

// A miniature dist/ shaped like Vite's output: an HTML page with a module script, a modulepreload
// and a style sheet; chunks importing each other statically (minified and not) and dynamically.
const FILES: Record<string, string> = {
  'src/popup/index.html': `<!doctype html><html><head>
    <script type="module" crossorigin src="/assets/main.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/runtime.js">
    <link rel="stylesheet" crossorigin href="/assets/main.css">
    <link rel="icon" href="/icons/16.png">
    </head><body><div id="app"></div></body></html>`,
  'assets/main.js': `import{a as e}from"./shared.js";import"./side-effect.js";const f=()=>import("./lazy.js");export{x}from"./reexport.js";e(f);`,
  'assets/runtime.js': 'export const runtime = 1;',
  'assets/shared.js': `import { runtime } from './runtime.js';\nexport const a = (f) => f(runtime);`,
  'assets/side-effect.js': 'globalThis.loaded = true;',
  'assets/reexport.js': 'export const x = "re-exported";',
  'assets/lazy.js': 'export default "loaded only when asked";'.repeat(50),
  'assets/main.css': 'body { margin: 0 }',
  'service-worker-loader.js': "import './assets/worker.js';",
  'assets/worker.js': 'import{a}from"./shared.js";a(()=>{});',
};

let dist: string;
beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'bench-bundle-'));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dist, path)), { recursive: true });
    writeFileSync(join(dist, path), text);
  }
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const sizes = (paths: string[]) => ({
  raw: paths.reduce((sum, p) => sum + Buffer.byteLength(FILES[p] ?? ''), 0),
  gzip: paths.reduce((sum, p) => sum + gzipSync(FILES[p] ?? '').length, 0),
});

describe('staticImports', () => {
  it('finds minified and formatted static imports and re-exports, not dynamic import()', () => {
    expect(staticImports(FILES['assets/main.js'] ?? '')).toEqual(['./shared.js', './side-effect.js', './reexport.js']);
    expect(staticImports(FILES['assets/shared.js'] ?? '')).toEqual(['./runtime.js']);
  });

  it('ignores words that only end in "import" and property names', () => {
    expect(staticImports('const reimport = 1; obj.import("./x.js"); myimport"./y.js"')).toEqual([]);
  });
});

describe('pageResources', () => {
  it('lists scripts, module preloads and style sheets, not icons', () => {
    expect(pageResources(FILES['src/popup/index.html'] ?? '')).toEqual([
      '/assets/main.js',
      '/assets/runtime.js',
      '/assets/main.css',
    ]);
  });
});

describe('firstPaintBytes', () => {
  it('follows the page into every statically imported chunk, once each, leaving out lazy chunks', () => {
    const bytes = firstPaintBytes(dist, 'src/popup/index.html');
    const js = [
      'assets/main.js',
      'assets/runtime.js',
      'assets/shared.js',
      'assets/side-effect.js',
      'assets/reexport.js',
    ];
    expect([...bytes.files].sort()).toEqual([...js, 'assets/main.css'].sort());
    expect(bytes.js).toEqual(sizes(js));
    expect(bytes.css).toEqual(sizes(['assets/main.css']));
  });
});

describe('scriptBytes', () => {
  it('measures a worker entry and its static imports', () => {
    const bytes = scriptBytes(dist, 'service-worker-loader.js');
    const js = ['service-worker-loader.js', 'assets/worker.js', 'assets/shared.js', 'assets/runtime.js'];
    expect(bytes.files).toEqual(js);
    expect(bytes.js).toEqual(sizes(js));
    expect(bytes.css).toEqual({ raw: 0, gzip: 0 });
  });
});
