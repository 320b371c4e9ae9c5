/**
 * `text` cut to at most `max` UTF-16 code units, with "…" at the end when cut. Stored strings are
 * checked by length in code units (valibot's `maxLength`), so that is what is counted; a cut never
 * splits a surrogate pair (an emoji, a rare CJK character) into a broken character.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
