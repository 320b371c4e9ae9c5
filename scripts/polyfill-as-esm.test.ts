import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { polyfillAsModule } from './polyfill-as-esm.ts';

// The transform runs on the polyfill this project installs, so an update that changes its UMD
// wrapper fails here (and in the build).
const source = readFileSync('node_modules/webextension-polyfill/dist/browser-polyfill.js', 'utf8').replace(
  /\/\/# sourceMappingURL=.*$/m,
  '',
);
// Inside the project (.tmp/ is git-ignored): Vitest imports modules from under its root only.
mkdirSync('.tmp', { recursive: true });
const dir = mkdtempSync(resolve('.tmp', 'polyfill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const globals = globalThis as { chrome?: unknown; browser?: unknown };
afterEach(() => {
  delete globals.chrome;
  delete globals.browser;
});

/** The transformed polyfill, imported afresh (one file per call: modules are cached by URL). */
let imports = 0;
async function importPolyfill(): Promise<unknown> {
  const file = join(dir, `polyfill-${++imports}.mjs`);
  writeFileSync(file, polyfillAsModule(source));
  return ((await import(/* @vite-ignore */ file)) as { default: unknown }).default;
}

describe('polyfillAsModule', () => {
  it("exports the browser's own namespace as it is, reading no property descriptor of it", async () => {
    const read: string[] = [];
    const own = { runtime: { id: 'ext' }, windows: {}, storage: {} };
    globals.chrome = { runtime: { id: 'ext' } };
    globals.browser = new Proxy(own, {
      getOwnPropertyDescriptor(target, key) {
        read.push(String(key));
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
      ownKeys(target) {
        read.push('ownKeys');
        return Reflect.ownKeys(target);
      },
    });
    expect(await importPolyfill()).toBe(globals.browser);
    expect(read).toEqual([]);
  });

  it('wraps chrome.* in promises where the browser has no namespace of its own', async () => {
    globals.chrome = {
      runtime: { id: 'ext' },
      storage: { local: { get: (keys: string, done: (items: object) => void) => done({ [keys]: 1 }) } },
    };
    const polyfill = (await importPolyfill()) as { storage: { local: { get(key: string): Promise<object> } } };
    expect(await polyfill.storage.local.get('settings:x')).toEqual({ 'settings:x': 1 });
  });

  it('fails the build when the polyfill no longer has the UMD wrapper it expects', () => {
    expect(() => polyfillAsModule('module.exports = globalThis.browser;')).toThrow(/UMD wrapper/);
  });
});
