// What the popup's search (and the omnibox) compares: a name folded so that what a person sees or
// types finds it. No library: the platform's `normalize` and case mappings do nearly all of it, and
// the popup's first-paint budget has no room for a Unicode data table.

/**
 * Characters that change how text is laid out but are not read: bidi marks, embeddings, overrides
 * and isolates (U+200E/F, U+202A–202E, U+2066–2069), zero-width space/joiners (U+200B–200D), word
 * joiner and invisible operators (U+2060–2064), the byte-order mark (U+FEFF) and the soft hyphen
 * (U+00AD). All are Unicode format characters (Cf), as are the rarer ones this also drops.
 */
const IGNORED = /\p{Cf}/gu;
const MARKS = /\p{M}/gu;

/**
 * Lower case, accents and invisible characters ignored: "Straße" = "STRASSE", "ΟΔΟΣ" = "οδοσ",
 * "İstanbul" = "istanbul" = "ıstanbul", "Équipe" = "equipe", "Ad\u200Bmin" = "admin".
 *
 * Full case folding from the case mappings: upper-casing first expands ß to SS (and ligatures such
 * as ﬁ to FI), lower-casing then gives what Unicode's full folding gives for all but three letters,
 * mapped by hand with the capital ẞ (whose upper case is itself): the final sigma (lower-casing puts ς back at the end of a word) and the Turkish
 * dotless ı (its own lower case; folded to i so a Turkish name is found from an English keyboard).
 * İ lower-cases to i + U+0307, and the dot goes with the other marks. NFKD (not only NFD) also
 * matches the compatibility forms people cannot tell apart (full-width Ａ, 𝐀, ligatures); it runs
 * before the case mapping (𝐀 decomposes to a capital A) and after it (which may compose).
 */
export function searchText(text: string): string {
  return text
    .replace(IGNORED, '')
    .normalize('NFKD')
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(/ß/g, 'ss')
    .replace(/ς/g, 'σ')
    .replace(/ı/g, 'i');
}
