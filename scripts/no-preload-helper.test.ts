import { describe, expect, it } from 'vitest';
import { noPreloadHelper, PLAIN_IMPORT } from './no-preload-helper.ts';

type Hook = (...args: unknown[]) => unknown;
const plugin = noPreloadHelper();
const load = plugin.load as Hook;
const renderChunk = plugin.renderChunk as Hook;

describe('the preload helper made a plain import', () => {
  it('stands in for Vite’s helper module only', () => {
    expect(load('\0vite/preload-helper.js')).toBe(PLAIN_IMPORT);
    expect(load('/src/popup/lazy.ts')).toBeUndefined();
  });

  it('resolves and rejects as the import it wraps', async () => {
    const url = `data:text/javascript,${encodeURIComponent(PLAIN_IMPORT)}`;
    const { __vitePreload } = (await import(/* @vite-ignore */ url)) as {
      __vitePreload: (load: () => Promise<unknown>) => Promise<unknown>;
    };
    const chunk = { parts: 1 };
    await expect(__vitePreload(() => Promise.resolve(chunk))).resolves.toBe(chunk);
    const gone = new Error('chunk replaced by an update');
    await expect(__vitePreload(() => Promise.reject(gone))).rejects.toBe(gone);
  });

  it('fails the build when an imported chunk has a file that would have had to be loaded first', () => {
    const chunk = { fileName: 'assets/index.html-x.js' };
    expect(renderChunk('import(`./parts.js`)', chunk)).toBeNull();
    expect(() => renderChunk('const __vite__mapDeps=(i)=>i;', chunk)).toThrow(
      /assets\/index\.html-x\.js imports a chunk that needs a style sheet/,
    );
  });
});
