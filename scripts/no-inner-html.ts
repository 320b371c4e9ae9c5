import type { Plugin } from 'vite';

// Preact's renderer supports `dangerouslySetInnerHTML` with one `el.innerHTML = props.__html`
// assignment. We never use that prop (user-facing text is rendered as text), but the assignment
// alone makes `web-ext lint` (addons.mozilla.org's linter) warn "Unsafe assignment to innerHTML"
// and invites a manual review. This build step replaces it with a throw: the extension cannot put
// HTML into its pages at all, and the Firefox package lints clean. The build fails loudly if a
// Preact update changes the code this expects, rather than silently shipping the assignment.

const PREACT = /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/;
const ASSIGNMENT = /\((\w+)\.innerHTML=(\w+)\.__html\)/g;
const REFUSAL = '((()=>{throw new Error("dangerouslySetInnerHTML is disabled in this extension")})())';

/** Preact's minified source with its one innerHTML assignment replaced by a throw. */
export function withoutInnerHtml(source: string): string {
  const found = source.match(ASSIGNMENT)?.length ?? 0;
  if (found !== 1) {
    throw new Error(`Expected one innerHTML assignment in Preact, found ${found}: update scripts/no-inner-html.ts`);
  }
  return source.replace(ASSIGNMENT, REFUSAL);
}

export function noInnerHtml(): Plugin {
  return {
    name: 'pim:no-inner-html',
    apply: 'build',
    transform(code, id) {
      if (!PREACT.test(id)) return undefined;
      return { code: withoutInnerHtml(code), map: null };
    },
  };
}
