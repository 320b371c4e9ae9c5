// Claims challenges: how Graph and PIM say "this token is not strong enough", and the claims
// request (JSON) that asks Entra for a token that is (graph-pim-groups.md §3).

/** Parses `Bearer realm="", error="insufficient_claims", claims="…"` into its parameters. */
export function parseWwwAuthenticate(header: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of header.matchAll(/([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    const [, key, quoted, bare] = match;
    if (key) params[key.toLowerCase()] = quoted ?? bare ?? '';
  }
  return params;
}

/** A claims request is a JSON object; an array or a scalar would only make MSAL or Entra fail later. */
function validJson(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? JSON.stringify(value) : undefined;
  } catch {
    return undefined;
  }
}

function base64Decode(value: string): string | undefined {
  try {
    const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** The claims of a generic Graph challenge (401, `error="insufficient_claims"`), if any. */
export function claimsFromWwwAuthenticate(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const params = parseWwwAuthenticate(header);
  if (params.error !== 'insufficient_claims' || !params.claims) return undefined;
  const decoded = base64Decode(params.claims);
  return decoded ? validJson(decoded) : undefined;
}

/** The claims PIM puts URL-encoded in the message of `RoleAssignmentRequestAcrsValidationFailed`. */
export function claimsFromPimMessage(message: string): string | undefined {
  const encoded = /claims=([^"&\s]+)/.exec(message)?.[1];
  if (!encoded) return undefined;
  try {
    return validJson(decodeURIComponent(encoded));
  } catch {
    return undefined;
  }
}

/** The policy rules PIM names in `The following policy rules failed: ["MfaRule", …]`. */
export function failedPolicyRules(message: string): string[] {
  const list = /policy rules failed:\s*\[([^\]]*)\]/i.exec(message)?.[1];
  if (!list) return [];
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
}

/** Asks for a token that satisfies an authentication context (e.g. "c1"). */
export function authContextClaims(value: string): string {
  return JSON.stringify({ access_token: { acrs: { essential: true, value } } });
}

/**
 * Asks for a token whose `amr` includes MFA. Entra documents no claims value for plain MFA; the
 * emulator honours this request, and against real Entra the MFA comes from Conditional Access.
 */
export const MFA_CLAIMS = JSON.stringify({ access_token: { amr: { essential: true, values: ['mfa'] } } });

type ClaimsObject = Record<string, Record<string, unknown>>;

/** Combines two claims requests (e.g. a policy's auth context and a challenge's `nbf`). */
export function mergeClaims(a: string | undefined, b: string | undefined): string | undefined {
  if (!a || !b) return a ?? b;
  const left = JSON.parse(a) as ClaimsObject;
  const right = JSON.parse(b) as ClaimsObject;
  const merged: ClaimsObject = { ...left };
  for (const [token, claims] of Object.entries(right)) merged[token] = { ...(left[token] ?? {}), ...claims };
  return JSON.stringify(merged);
}
