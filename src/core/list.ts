// Ordering and search of the popup's list. Pure, so it is tested exhaustively and stays fast for
// thousands of items: search keys are computed once per item object, not on every keystroke.
import { searchText } from './search-fold.ts';

export interface ListEntry {
  key: string;
  groupName: string;
  accessId: 'member' | 'owner';
}

export interface Ordering {
  /** Pinned keys in the user's order; they come first, in that order. */
  favourites: readonly string[];
  /** Key → when last activated; these come next, most recent first. */
  recent: Readonly<Record<string, number>>;
  /** Compares group names for the rest (alphabetical in the UI language). */
  collator: Intl.Collator;
  /** Keys of what is happening now; these come before everything else. */
  live?: ReadonlySet<string>;
}

const searchKeys = new WeakMap<object, string>();
function searchKeyOf(entry: ListEntry): string {
  let key = searchKeys.get(entry);
  if (key === undefined) {
    key = searchText(entry.groupName);
    searchKeys.set(entry, key);
  }
  return key;
}

/** The query's words; an item matches when its name contains every one of them. */
export function queryWords(query: string): string[] {
  return searchText(query).split(/\s+/).filter(Boolean);
}

/**
 * The entries whose name contains every word of the query, in their given order. An empty query
 * keeps all. `keyOf` gives an entry's folded search text when it is not its name (the popup's shown
 * names).
 */
export function filterEntries<T extends ListEntry>(
  entries: readonly T[],
  query: string,
  keyOf: (entry: T) => string = searchKeyOf,
): readonly T[] {
  const words = queryWords(query);
  if (words.length === 0) return entries;
  return entries.filter((entry) => {
    const key = keyOf(entry);
    return words.every((word) => key.includes(word));
  });
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const ACCESS_RANK = { member: 0, owner: 1 } as const;

/** How group names are compared for the list: letters alike whatever their case or accents, numbers by value. */
export const listCollator = (locale?: string): Intl.Collator =>
  new Intl.Collator(locale, { sensitivity: 'base', numeric: true });

/** The list's alphabetical order: by name, then member before owner, then by key (never a tie). */
export const byName =
  (collator: Intl.Collator) =>
  (a: ListEntry, b: ListEntry): number =>
    collator.compare(a.groupName, b.groupName) ||
    ACCESS_RANK[a.accessId] - ACCESS_RANK[b.accessId] ||
    byCodePoint(a.key, b.key);

/** Where an entry is listed: what is happening now, then favourites, then recently used, then the rest. */
export type Section = 'now' | 'pinned' | 'recent' | 'rest';
const SECTIONS: readonly Section[] = ['pinned', 'recent', 'rest'];

/**
 * The entries in the list's order with their sections: the live ones first (`ordering.live`:
 * active for a time, waiting, running or failed), then favourites (in pinned order), then recently
 * used (newest first), then the rest alphabetically. Within "now" the same order holds, so a row
 * that starts or stops moving goes to a predictable place.
 */
export function orderSections<T extends ListEntry>(
  entries: readonly T[],
  ordering: Ordering,
): { entry: T; section: Section }[] {
  const pinned = new Map<string, number>();
  ordering.favourites.forEach((key, index) => {
    if (!pinned.has(key)) pinned.set(key, index);
  });
  const { recent, live } = ordering;
  const alphabetical = byName(ordering.collator);
  const rank = (entry: T) =>
    (pinned.has(entry.key) ? 0 : Object.hasOwn(recent, entry.key) ? 1 : 2) + (live?.has(entry.key) ? 0 : 3);
  return entries
    .map((entry) => ({ entry, rank: rank(entry) }))
    .sort((a, b) => {
      if (a.rank !== b.rank) return a.rank - b.rank;
      if (a.rank % 3 === 0) return (pinned.get(a.entry.key) ?? 0) - (pinned.get(b.entry.key) ?? 0);
      if (a.rank % 3 === 1) {
        const newer = (recent[b.entry.key] ?? 0) - (recent[a.entry.key] ?? 0);
        if (newer !== 0) return newer;
      }
      return alphabetical(a.entry, b.entry);
    })
    .map(({ entry, rank }) => ({ entry, section: rank < 3 ? 'now' : (SECTIONS[rank - 3] ?? 'rest') }));
}

/** The entries in the list's order (see orderSections). */
export function orderEntries<T extends ListEntry>(entries: readonly T[], ordering: Ordering): T[] {
  return orderSections(entries, ordering).map((x) => x.entry);
}

/** Adds or removes a key from the pinned list, keeping the others' order. */
/** How many favourites are kept: past it, starring one more unstars the oldest (storage holds no more). */
export const FAVOURITES_MAX = 500;

/** `list` with `item` added at the end, the oldest entries dropped to stay within `max`. */
export function appendBounded<T>(list: readonly T[], item: T, max: number): T[] {
  return [...list, item].slice(-max);
}

export function toggleFavourite(favourites: readonly string[], key: string): string[] {
  return favourites.includes(key)
    ? favourites.filter((k) => k !== key)
    : appendBounded(favourites, key, FAVOURITES_MAX);
}
