// The address bar keyword ("pim <group>"): which eligible groups to suggest, and how Chromium
// should show them. Pure; the background wires it to `omnibox` events.
import { filterEntries, queryWords } from './list.ts';
import type { AccessId, GroupItem } from './pim-state.ts';
import { searchText } from './search-fold.ts';

/** Chromium shows at most a handful of suggestions; more only cost time. */
export const MAX_SUGGESTIONS = 6;

export interface Suggestion {
  /** What `onInputEntered` receives when the user picks it: the item key. */
  content: string;
  /** Chromium's description markup: XML with `<match>` and `<dim>`; text must be escaped. */
  description: string;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside Chromium's suggestion XML (an unescaped `<` or `&` makes it drop the suggestion). */
export const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);

const XML_UNESCAPES: Record<string, string> = Object.fromEntries(
  Object.entries(XML_ESCAPES).map(([char, entity]) => [entity, char]),
);

/** Firefox shows descriptions as plain text (MDN compat data): the same text without the markup. */
export const plainText = (description: string): string =>
  description.replace(/<\/?(match|dim|url)>/g, '').replace(/&(amp|lt|gt|quot|apos);/g, (e) => XML_UNESCAPES[e] ?? e);

/**
 * The group name with every query word wrapped in `<match>`, found the same accent- and
 * case-insensitive way as the popup's search, and escaped.
 */
export function highlight(name: string, query: string): string {
  // The searchable text of each code point, so a match in it maps back to the original characters.
  const chars = Array.from(name);
  const starts: number[] = [];
  let folded = '';
  for (const char of chars) {
    starts.push(folded.length);
    folded += searchText(char);
  }
  const marked = new Array<boolean>(chars.length).fill(false);
  for (const word of queryWords(query)) {
    for (let at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + 1)) {
      chars.forEach((_, i) => {
        const end = starts[i + 1] ?? folded.length;
        if ((starts[i] ?? 0) < at + word.length && end > at) marked[i] = true;
      });
    }
  }
  let out = '';
  let open = false;
  chars.forEach((char, i) => {
    if (marked[i] !== open) {
      out += open ? '</match>' : '<match>';
      open = !open;
    }
    out += escapeXml(char);
  });
  return open ? `${out}</match>` : out;
}

/** Eligible, not yet active or waiting items whose name matches the query, in the popup's alphabetical order. */
export function omniboxMatches(items: readonly GroupItem[], query: string, collator: Intl.Collator): GroupItem[] {
  const candidates = items.filter((i) => i.eligible && !i.active && !i.pending);
  return [...filterEntries(candidates, query)].sort(
    (a, b) => collator.compare(a.groupName, b.groupName) || a.key.localeCompare(b.key),
  );
}

/** Up to MAX_SUGGESTIONS suggestions; `accessLabel` names member and owner in the user's language. */
export function suggestionsFor(
  items: readonly GroupItem[],
  query: string,
  collator: Intl.Collator,
  accessLabel: (access: AccessId) => string,
): Suggestion[] {
  return omniboxMatches(items, query, collator)
    .slice(0, MAX_SUGGESTIONS)
    .map((item) => ({
      content: item.key,
      description: `${highlight(item.groupName, query)} <dim>${escapeXml(`· ${accessLabel(item.accessId)}`)}</dim>`,
    }));
}

/**
 * The item the user chose: the suggestion's key, or, for typed text Enter was pressed on, the
 * first match (what the default suggestion showed). Undefined when nothing matches.
 */
export function chosenItem(items: readonly GroupItem[], text: string, collator: Intl.Collator): GroupItem | undefined {
  const exact = items.find((i) => i.key === text.trim() && i.eligible);
  return exact ?? omniboxMatches(items, text, collator)[0];
}
