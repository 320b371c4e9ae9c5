// Its own module: the popup's messaging needs it, and result.ts would bring the rest along.

/**
 * The text of anything thrown: an Error's message, else the value as a string. Never throws itself,
 * whatever was thrown (`String()` fails on objects like `{ toString: "" }` or with no prototype).
 */
export function thrownText(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return Object.prototype.toString.call(error);
  }
}
