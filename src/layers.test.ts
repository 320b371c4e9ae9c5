import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layer rules of src/ (src/core/README.md, src/platform/README.md), checked on every source file so that a new
// violation fails here rather than in review:
// - views (popup, options, ui) never reach into background or auth internals: they send messages;
// - nothing else imports a view, but for the one piece of the popup the worker runs too: writing
//   the popup's first screen of a list (popup/save-list-head.ts, which imports no view code);
// - core is pure: it imports only core and npm packages, never platform or anything above it;
// - browser APIs are reached only in platform/: elsewhere neither `chrome.*`/`browser.*` nor the
//   modules that provide them.

const SRC = resolve(import.meta.dirname);

interface SourceFile {
  /** Path relative to src/, with forward slashes. */
  path: string;
  text: string;
}

const layerOf = (path: string): string => path.split('/')[0] ?? '';

/** Code with comments removed, so a comment that names `chrome.alarms` is no violation. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function importsOf(text: string): string[] {
  const specifiers: string[] = [];
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)) {
    if (match[1]) specifiers.push(match[1]);
  }
  return specifiers;
}

const VIEWS = new Set(['popup', 'options', 'ui']);
/** The view modules others may import: the popup's first screen of a list, which the worker writes too. */
const SHARED_VIEW_MODULES = new Set(['popup/save-list-head.ts']);
const BROWSER_PROVIDERS = new Set(['webextension-polyfill', '@types/chrome']);

function layerViolations(files: SourceFile[]): string[] {
  const violations: string[] = [];
  for (const file of files) {
    const from = layerOf(file.path);
    const code = withoutComments(file.text);
    for (const specifier of importsOf(code)) {
      const target = specifier.startsWith('.')
        ? relative('.', join(dirname(file.path), specifier)).replaceAll('\\', '/')
        : undefined;
      const to = target === undefined ? undefined : layerOf(target);
      if (VIEWS.has(from) && (to === 'background' || to === 'auth')) {
        violations.push(`${file.path}: a view imports ${specifier} (send a message instead)`);
      }
      if (!VIEWS.has(from) && to !== undefined && VIEWS.has(to) && !SHARED_VIEW_MODULES.has(target ?? '')) {
        violations.push(`${file.path}: imports the view module ${specifier}`);
      }
      // Data (the English messages, for their keys' type) is not code.
      if (from === 'core' && to !== undefined && to !== 'core' && !specifier.endsWith('.json')) {
        violations.push(`${file.path}: core imports ${specifier} (core is pure)`);
      }
      const providesBrowser =
        BROWSER_PROVIDERS.has(specifier) || (target !== undefined && target === 'platform/browser.ts');
      if (from !== 'platform' && providesBrowser && !/^\s*import\s+type\b/m.test(lineOf(code, specifier))) {
        violations.push(`${file.path}: imports ${specifier} (browser APIs live in platform/)`);
      }
    }
    const codeOnly = code.replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, "''");
    if (from !== 'platform' && /(?<![\w.$])(chrome|browser)\.[a-zA-Z]/.test(codeOnly)) {
      violations.push(`${file.path}: uses the browser namespace (browser APIs live in platform/)`);
    }
  }
  return violations;
}

function lineOf(code: string, specifier: string): string {
  const at = code.indexOf(`'${specifier}'`);
  if (at === -1) return '';
  const start = code.lastIndexOf('import', at);
  return code.slice(start, at);
}

function sourceFiles(dir: string): SourceFile[] {
  const files: SourceFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      // Test support runs only in tests, where reaching the fake browser is its job.
      if (entry.name !== 'test-support' && entry.name !== 'test') files.push(...sourceFiles(full));
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push({ path: relative(SRC, full).replaceAll('\\', '/'), text: readFileSync(full, 'utf8') });
    }
  }
  return files;
}

describe('layer rules', () => {
  it('hold for every source file', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(100);
    expect(layerViolations(files)).toEqual([]);
  });

  it('catch each kind of violation', () => {
    expect(
      layerViolations([
        { path: 'popup/A.tsx', text: "import { signIn } from '../background/session.ts';" },
        { path: 'options/B.tsx', text: "import type { X } from '../auth/protocol.ts';" },
        { path: 'core/c.ts', text: "import { t } from '../platform/i18n.ts';" },
        { path: 'graph/d.ts', text: "import { browser } from '../platform/browser.ts';" },
        { path: 'background/e.ts', text: "import browser from 'webextension-polyfill';" },
        { path: 'background/f.ts', text: 'void chrome.alarms.clear("x");' },
        { path: 'ui/g.ts', text: 'const lazy = () => import("../auth/client.ts");' },
        { path: 'background/h.ts', text: "import { GroupList } from '../popup/components/GroupList.tsx';" },
      ]),
    ).toEqual([
      'popup/A.tsx: a view imports ../background/session.ts (send a message instead)',
      'options/B.tsx: a view imports ../auth/protocol.ts (send a message instead)',
      'core/c.ts: core imports ../platform/i18n.ts (core is pure)',
      'graph/d.ts: imports ../platform/browser.ts (browser APIs live in platform/)',
      'background/e.ts: imports webextension-polyfill (browser APIs live in platform/)',
      'background/f.ts: uses the browser namespace (browser APIs live in platform/)',
      'ui/g.ts: a view imports ../auth/client.ts (send a message instead)',
      'background/h.ts: imports the view module ../popup/components/GroupList.tsx',
    ]);
  });

  it('allow what the rules allow', () => {
    expect(
      layerViolations([
        { path: 'platform/a.ts', text: "import browser from 'webextension-polyfill';\nbrowser.runtime.id;" },
        { path: 'popup/b.tsx', text: "import { t } from '../platform/i18n.ts';\nimport { x } from '../core/list.ts';" },
        { path: 'core/c.ts', text: "import * as v from 'valibot';\nimport { y } from './format.ts';" },
        { path: 'core/d.ts', text: '// e.g. `browser.i18n.getUILanguage()`\nconst url = "https://x"; // chrome.x' },
        { path: 'background/e.ts', text: "import type { Alarms } from '../platform/browser.ts';" },
        { path: 'background/f.ts', text: "import { saveListHead } from '../popup/save-list-head.ts';" },
      ]),
    ).toEqual([]);
  });

  it('keep the view modules others import free of view code: no Preact, no component, all the way down', () => {
    const files = new Map(sourceFiles(SRC).map((f) => [f.path, f]));
    const reached = new Set<string>();
    const visit = (path: string) => {
      if (reached.has(path)) return;
      reached.add(path);
      const code = withoutComments(files.get(path)?.text ?? '');
      for (const specifier of importsOf(code)) {
        // Types are erased: they load nothing.
        if (/^\s*import\s+type\b/m.test(lineOf(code, specifier))) continue;
        if (specifier.startsWith('.')) visit(relative('.', join(dirname(path), specifier)).replaceAll('\\', '/'));
        else reached.add(specifier);
      }
    };
    for (const path of SHARED_VIEW_MODULES) visit(path);
    expect([...reached].filter((p) => p.endsWith('.tsx') || p.startsWith('preact'))).toEqual([]);
    expect([...reached].filter((p) => files.has(p) && VIEWS.has(layerOf(p)))).toEqual([
      'popup/save-list-head.ts',
      'popup/list-head.ts',
      'popup/live.ts',
      'popup/model.ts',
    ]);
  });
});
