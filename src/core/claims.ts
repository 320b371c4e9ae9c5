// Claims challenges: how Graph and PIM say "this token is not strong enough", and the claims
// request (JSON) that asks Entra for a token that is (docs/graph-pim-groups.md §3).

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

/** The JSON object that starts at `start` (balanced braces, strings respected), or undefined. */
function objectAt(text: string, start: number): string | undefined {
  let depth = 0;
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return undefined;
}

/**
 * The claims PIM puts in the message of `RoleAssignmentRequestAcrsValidationFailed`: URL-encoded
 * (`&claims=%7B%22access_token%22…`, the form reported for Graph) or as raw JSON
 * (`claims={"access_token":…}`), which other PIM endpoints have been seen to send.
 */
export function claimsFromPimMessage(message: string): string | undefined {
  const at = /claims=/.exec(message);
  if (!at) return undefined;
  const start = at.index + at[0].length;
  if (message[start] === '{') {
    const raw = objectAt(message, start);
    return raw ? validJson(raw) : undefined;
  }
  const encoded = /^[^"&\s]+/.exec(message.slice(start))?.[0];
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
 * Asks for a token from a sign-in that did MFA. Entra documents claims requests only for `acrs` and
 * `xms_cc`; the value Microsoft's own tools use to demand MFA is the reserved authentication context
 * `p1`: Azure Resource Manager's mandatory-MFA challenge is `{"access_token":{"acrs":{"essential":true,
 * "values":["p1"]}}}`, and Azure CLI answers it with `az login --claims-challenge` to get a token whose
 * `amr` has `mfa` (Azure/azure-cli#31699, #31856; Microsoft Learn, "Planning for mandatory Microsoft
 * Entra multifactor authentication for Azure", client libraries). PIM's MfaRule is satisfied by MFA in
 * the token, so this is the first answer to it; `graph/step-up-auth.ts` has the fallbacks.
 */
export const MFA_CLAIMS = JSON.stringify({ access_token: { acrs: { essential: true, values: ['p1'] } } });

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

/**
 * The authentication contexts a claims request asks for, without the reserved `p1` (MFA), so a
 * sentence can name the ones the organisation configured (e.g. "c2").
 */
export function requestedContexts(claims: string | undefined): string[] {
  if (!claims) return [];
  try {
    const acrs = (JSON.parse(claims) as ClaimsObject).access_token?.acrs as { value?: unknown; values?: unknown };
    const all = [acrs?.value, ...(Array.isArray(acrs?.values) ? acrs.values : [])];
    return all.filter((v): v is string => typeof v === 'string' && v !== 'p1');
  } catch {
    return [];
  }
}
