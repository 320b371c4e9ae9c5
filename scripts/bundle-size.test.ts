import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { firstPaint, total } from './bundle-size.ts';

function dist(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-size-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('first-paint bundle', () => {
  const dir = dist({
    'src/popup/index.html': [
      '<script type="module" crossorigin src="/assets/entry.js"></script>',
      '<link rel="modulepreload" crossorigin href="/assets/preloaded.js">',
      '<link rel="stylesheet" crossorigin href="/assets/popup.css">',
      '<script src="/assets/classic-not-a-module.js"></script>',
    ].join('\n'),
    'assets/entry.js':
      'import{a as b}from"./shared.js";import"./side.js";const l=()=>import("./lazy.js");export{x}from"./reexport.js";',
    'assets/preloaded.js': 'import{c}from"./shared.js";',
    'assets/shared.js': 'export const a=1,c=2;',
    'assets/side.js': 'import "/assets/deep.js";',
    'assets/deep.js': 'console.log(1)',
    'assets/reexport.js': 'export const x=3;',
    'assets/lazy.js': 'import"./lazy-dep.js";',
    'assets/lazy-dep.js': 'export{}',
    'assets/popup.css': 'body{margin:0}',
  });

  it('follows the entry, modulepreloads and static imports, but not import() or classic scripts', () => {
    const paint = firstPaint(dir, 'src/popup/index.html');
    expect(paint.js.map((f) => f.file).sort()).toEqual([
      'assets/deep.js',
      'assets/entry.js',
      'assets/preloaded.js',
      'assets/reexport.js',
      'assets/shared.js',
      'assets/side.js',
    ]);
    expect(paint.css.map((f) => f.file)).toEqual(['assets/popup.css']);
  });

  it('reports raw and gzip bytes of each file and their totals', () => {
    const paint = firstPaint(dir, 'src/popup/index.html');
    const shared = paint.js.find((f) => f.file === 'assets/shared.js');
    expect(shared).toEqual({
      file: 'assets/shared.js',
      raw: 21,
      gzip: gzipSync('export const a=1,c=2;', { level: 9 }).length,
    });
    expect(total(paint.js).raw).toBe(paint.js.reduce((n, f) => n + f.raw, 0));
  });
});
