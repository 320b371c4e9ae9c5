import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every locale is complete and every key earns its place: a translation lacks no key and has no
// extra one, keeps English's placeholders, and every English key is used somewhere in the source
// (and every key the source asks for exists). Keys are always written out as string literals in
// the source (lookup tables typed `MessageKey`, never built from parts), which is what makes the
// "unused" check possible.

type Entry = { message: string; description?: string; placeholders?: Record<string, { content: string }> };
type Catalogue = Record<string, Entry>;

const ROOT = join(import.meta.dirname, '../..');
const LOCALES_DIR = join(ROOT, 'public/_locales');
const REQUIRED_LOCALES = ['de', 'en', 'fr', 'ja'];

/** Chromium's predefined messages (`@@ui_locale`, `@@bidi_dir`, …) need no catalogue entry. */
const isPredefined = (key: string) => key.startsWith('@@');

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Catalogue;
const locales = readdirSync(LOCALES_DIR).sort();
const catalogues = Object.fromEntries(locales.map((l) => [l, readJson(join(LOCALES_DIR, l, 'messages.json'))]));
const en = catalogues.en as Catalogue;

/** `$NAME$` references in a message, lower-cased as Chromium matches them. */
function placeholdersIn(message: string): string[] {
  return [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => (m[1] as string).toLowerCase()).sort();
}

/** What is wrong with a translation compared to English, one line per problem (empty when complete). */
function translationProblems(english: Catalogue, translation: Catalogue): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(english)) {
    const theirs = translation[key];
    const ours = english[key] as Entry;
    if (!theirs) {
      problems.push(`missing ${key}`);
      continue;
    }
    if (typeof theirs.message !== 'string' || !theirs.message.trim()) problems.push(`empty ${key}`);
    else if (placeholdersIn(theirs.message).join() !== placeholdersIn(ours.message).join())
      problems.push(`placeholders of ${key}: ${placeholdersIn(theirs.message)} vs ${placeholdersIn(ours.message)}`);
    if (JSON.stringify(theirs.placeholders ?? {}) !== JSON.stringify(ours.placeholders ?? {}))
      problems.push(`placeholder definitions of ${key} differ from English`);
  }
  for (const key of Object.keys(translation)) if (!(key in english)) problems.push(`extra ${key}`);
  return problems;
}

/** Keys the source asks for explicitly: `t('key'`, `getMessage('key'`, the `sentence` helpers, `__MSG_key__`. */
function requestedKeys(source: string): Set<string> {
  const keys = new Set<string>();
  for (const m of source.matchAll(/\b(?:t|getMessage|sentence)\(\s*['"]([^'"]+)['"]/g)) keys.add(m[1] as string);
  for (const m of source.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)) keys.add(m[1] as string);
  return keys;
}

/** Every identifier-like string literal and `__MSG_key__` in the source: a key is used if it appears here. */
function mentionedKeys(source: string): Set<string> {
  const keys = new Set<string>();
  for (const m of source.matchAll(/(['"`])([A-Za-z][A-Za-z0-9_]*)\1/g)) keys.add(m[2] as string);
  for (const m of source.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)) keys.add(m[1] as string);
  return keys;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test' || e.name === 'test-support' ? [] : sourceFiles(path);
    return /\.(ts|tsx|html)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

const productionSource = [...sourceFiles(join(ROOT, 'src')), join(ROOT, 'manifest.json')]
  .map((f) => `// ${relative(ROOT, f)}\n${readFileSync(f, 'utf8')}`)
  .join('\n');

describe('locales', () => {
  it('has English, German, French and Japanese, with English as the default locale', () => {
    expect(locales).toEqual(expect.arrayContaining(REQUIRED_LOCALES));
    const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as { default_locale: string };
    expect(manifest.default_locale).toBe('en');
  });

  it.each(locales.filter((l) => l !== 'en'))('%s has every English key, no other, with the same placeholders', (l) => {
    expect(translationProblems(en, catalogues[l] as Catalogue)).toEqual([]);
  });

  it.each(locales)('%s uses only key names Chromium accepts', (l) => {
    const bad = Object.keys(catalogues[l] as Catalogue).filter((k) => !/^[A-Za-z0-9_]+$/.test(k));
    expect(bad).toEqual([]);
  });

  // The manifest's limits (Chrome Web Store): name 75, short_name 12, description 132 characters.
  it.each(locales)('%s keeps the manifest texts within their lengths', (l) => {
    const c = catalogues[l] as Catalogue;
    expect(c.extName?.message.length).toBeLessThanOrEqual(75);
    expect(c.extShortName?.message.length).toBeLessThanOrEqual(12);
    expect(c.extDescription?.message.length).toBeLessThanOrEqual(132);
  });

  it('English declares every placeholder its message uses, and uses every one it declares', () => {
    const problems = Object.entries(en).flatMap(([key, entry]) => {
      const declared = Object.keys(entry.placeholders ?? {}).sort();
      const used = [...new Set(placeholdersIn(entry.message))];
      return declared.join() === used.join() ? [] : [`${key}: declares ${declared}, uses ${used}`];
    });
    expect(problems).toEqual([]);
  });

  it('every key the source asks for exists in English', () => {
    const missing = [...requestedKeys(productionSource)].filter((k) => !isPredefined(k) && !(k in en));
    expect(missing).toEqual([]);
  });

  it('every English key is used by the source or the manifest', () => {
    const mentioned = mentionedKeys(productionSource);
    expect(Object.keys(en).filter((k) => !mentioned.has(k))).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const english: Catalogue = {
    hello: { message: 'Hello $NAME$', placeholders: { name: { content: '$1' } } },
    bye: { message: 'Bye' },
  };

  it('report a missing key, an extra key and a changed placeholder', () => {
    expect(
      translationProblems(english, {
        hello: { message: 'Hallo $NAME$ $EXTRA$', placeholders: { name: { content: '$1' } } },
        hallo: { message: 'Tschüss' },
      }),
    ).toEqual(['placeholders of hello: extra,name vs name', 'missing bye', 'extra hallo']);
  });

  it('report placeholder definitions that differ and an empty message', () => {
    expect(
      translationProblems(english, {
        hello: { message: 'Hallo $name$', placeholders: { name: { content: '$2' } } },
        bye: { message: ' ' },
      }),
    ).toEqual(['placeholder definitions of hello differ from English', 'empty bye']);
  });

  it('find keys in calls, tables and the manifest', () => {
    const source = `t('popupRefresh'); browser.i18n.getMessage("@@bidi_dir"); "name": "__MSG_extName__";
      const TABLE: Record<X, MessageKey> = { a: 'accessMember' };`;
    expect([...requestedKeys(source)].sort()).toEqual(['@@bidi_dir', 'extName', 'popupRefresh']);
    expect(mentionedKeys(source)).toContain('accessMember');
    expect(mentionedKeys(source)).not.toContain('Record');
  });
});
