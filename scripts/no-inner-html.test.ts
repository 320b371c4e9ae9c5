// @vitest-environment happy-dom
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withoutInnerHtml } from './no-inner-html.ts';

// The transform runs on the Preact this project installs, so a Preact update that moves the code
// fails here (and in the build) instead of shipping the assignment web-ext lint warns about.
const preactSource = readFileSync('node_modules/preact/dist/preact.mjs', 'utf8');
// Inside the project (.tmp/ is git-ignored): Vitest imports modules from under its root only.
mkdirSync('.tmp', { recursive: true });
const dir = mkdtempSync(resolve('.tmp', 'preact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Preact = typeof import('preact');

async function patchedPreact(): Promise<Preact> {
  const file = join(dir, 'preact.mjs');
  // Without the source-map comment: the map file stays behind in node_modules.
  writeFileSync(file, withoutInnerHtml(preactSource).replace(/\/\/# sourceMappingURL=.*$/m, ''));
  return (await import(/* @vite-ignore */ file)) as Preact;
}

describe('withoutInnerHtml', () => {
  it('leaves no innerHTML assignment in Preact', () => {
    expect(preactSource).toMatch(/\.innerHTML=(?!=)/);
    expect(withoutInnerHtml(preactSource)).not.toMatch(/\.innerHTML=(?!=)/);
  });

  it('fails the build when Preact no longer has exactly the one assignment it expects', () => {
    expect(() => withoutInnerHtml('export const h = 1;')).toThrow(/found 0/);
    const twice = /\((\w+)\.innerHTML=(\w+)\.__html\)/.exec(preactSource)?.[0] ?? '';
    expect(() => withoutInnerHtml(`${preactSource};${twice}`)).toThrow(/found 2/);
  });

  it('still renders text, and refuses dangerouslySetInnerHTML instead of inserting HTML', async () => {
    const { h, render } = await patchedPreact();
    const root = document.createElement('div');
    render(h('p', { title: 'ok' }, '<b>text</b>'), root);
    expect(root.innerHTML).toBe('<p title="ok">&lt;b&gt;text&lt;/b&gt;</p>');

    const other = document.createElement('div');
    expect(() => render(h('div', { dangerouslySetInnerHTML: { __html: '<img src=x>' } }), other)).toThrow(
      /dangerouslySetInnerHTML is disabled/,
    );
    expect(other.querySelector('img')).toBeNull();
  });
});
