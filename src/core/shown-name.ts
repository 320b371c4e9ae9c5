// How the popup shows a group's name so that what is shown is what the search matches, nothing is
// blank and no two rows look the same. Pure: the caller passes the label for a nameless group.
import { searchText } from './search-fold.ts';

/**
 * Control characters and bidi controls, made visible instead of acting on the text: C0 controls as
 * their U+2400 picture (␀…␟, ␡), the rest as `\u{202E}`. A right-to-left override would otherwise
 * show "snimdA" for "Admins" (the row also isolates the name in `<bdi>`, so nothing leaks out).
 * Zero-width and other invisible formatting characters stay: they are harmless to show, joiners
 * matter in emoji and some scripts, and the search ignores them (search-fold.ts).
 */
const SHOWN_AS_CODE = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** Characters with no ink: formatting, separators, whitespace, the Hangul fillers and the braille blank. */
const NO_INK = /[\p{Cf}\p{Z}\s\u115F\u1160\u3164\uFFA0\u2800]/gu;

export function visibleText(name: string): string {
  return name.replace(SHOWN_AS_CODE, (char) => {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20) return String.fromCodePoint(0x2400 + code);
    return code === 0x7f ? '\u2421' : `\\u{${code.toString(16).toUpperCase()}}`;
  });
}

export interface ShownName {
  /** The name as shown (visibleText), or the label for a name without a visible character. */
  text: string;
  /** The end of the group id ("…3f2a"), when another group's name looks the same. */
  suffix?: string;
  /** What the search matches: the shown text and suffix, folded (when first read). */
  readonly search: string;
}

interface Named {
  key: string;
  groupId: string;
  groupName: string;
}

const SUFFIX_MIN = 4;
/** Printable ASCII with some ink: shown and compared as it is (most names; a thousand cost little). */
const PLAIN = /^ *[!-~][ -~]*$/;

/**
 * An item's name as shown (before any suffix), and how it looks: names that look alike are equal
 * here, and only they get a suffix from each other.
 */
export function nameLook(item: Named, unnamed: (groupId: string) => string): { text: string; look: string } {
  const plain = PLAIN.test(item.groupName);
  const text = plain
    ? item.groupName
    : item.groupName.replace(NO_INK, '')
      ? visibleText(item.groupName)
      : unnamed(item.groupId);
  return { text, look: plain ? text : text.replace(/\p{Cf}/gu, '').normalize('NFC') };
}

/**
 * The shown name of every item by key. Names that look the same (equal once invisible characters
 * are dropped and composed alike) on different groups get the shortest end of the group id, at
 * least 4 characters, that tells each of them apart. One group listed as member and as owner keeps
 * one name: its access badge tells the rows apart.
 */
export function shownNames(items: readonly Named[], unnamed: (groupId: string) => string): Map<string, ShownName> {
  const texts = new Map<string, string>();
  const lookalikes = new Map<string, Set<string>>();
  for (const item of items) {
    const { text, look } = nameLook(item, unnamed);
    texts.set(item.key, text);
    const ids = lookalikes.get(look) ?? new Set<string>();
    ids.add(item.groupId);
    lookalikes.set(look, ids);
  }
  const suffixes = new Map<string, string>();
  for (const ids of lookalikes.values()) {
    if (ids.size < 2) continue;
    const all = [...ids];
    let length = SUFFIX_MIN;
    while (new Set(all.map((id) => id.slice(-length))).size < all.length) length++;
    for (const id of all) suffixes.set(id, `…${id.slice(-length)}`);
  }
  const shown = new Map<string, ShownName>();
  for (const item of items) {
    const text = texts.get(item.key) ?? '';
    const suffix = suffixes.get(item.groupId);
    // Folded on first use: a popup opened to click (not to search) never pays for a thousand folds.
    let folded: string | undefined;
    const name: ShownName = {
      text,
      get search() {
        folded ??= searchText(suffix ? `${text} ${suffix}` : text);
        return folded;
      },
    };
    if (suffix) name.suffix = suffix;
    shown.set(item.key, name);
  }
  return shown;
}
