// The one check for an address the extension opens or sends the browser to: an absolute https
// URL with a host, no spaces or control characters, and no user name or password (which can make
// `https://portal.azure.com@evil.example` read as Microsoft's). Used where a URL enters (the
// presets schema, settings) and again where one is read from storage or opened.

/** Longest address accepted (the presets schema's bound). */
export const MAX_URL_LENGTH = 2000;

/** The parsed https URL with a host, or undefined; credentials are not checked here (see `safeHttpsUrl`). */
export function parseHttpsUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) return undefined;
  // Whitespace and C0/C1 controls: the URL parser would strip or encode them, hiding what is opened.
  if (/[\s\p{Cc}]/u.test(value)) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The address as given when it is a safe https URL; undefined otherwise. */
export function safeHttpsUrl(value: unknown): string | undefined {
  const url = parseHttpsUrl(value);
  return url && url.username === '' && url.password === '' ? (value as string) : undefined;
}

/** True for '' (no address) or a safe https URL: what a stored optional address may hold. */
export const isEmptyOrSafeHttpsUrl = (value: string): boolean => value === '' || safeHttpsUrl(value) !== undefined;
