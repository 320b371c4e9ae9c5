/** What a `claims` request parameter asks of the access token. */
export interface ClaimsRequest {
  /** Any one of these authentication contexts must be satisfied. */
  acrs: string[];
  mfa: boolean;
  cp1: boolean;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null ? (v as Obj) : undefined);

function values(claim: Obj | undefined): string[] {
  if (!claim) return [];
  const out: string[] = [];
  if (typeof claim.value === 'string') out.push(claim.value);
  if (Array.isArray(claim.values)) out.push(...claim.values.filter((v): v is string => typeof v === 'string'));
  return out;
}

/**
 * Parses the (URL-decoded) claims JSON; returns undefined for invalid JSON so callers can reject it.
 * An `amr` request counts only with `honourAmr` (the emulator's `honourAmrClaims` setting): Entra
 * documents claims requests for `acrs` and `xms_cc` only, and ignores what it does not support.
 */
export function parseClaims(raw: string | undefined, honourAmr = false): ClaimsRequest | undefined {
  if (!raw) return { acrs: [], mfa: false, cp1: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const at = obj(obj(parsed)?.access_token) ?? {};
  const acrs = values(obj(at.acrs));
  const mfa = honourAmr && values(obj(at.amr)).some((v) => v.toLowerCase() === 'mfa');
  const cp1 = values(obj(at.xms_cc)).some((v) => v.toLowerCase() === 'cp1');
  return { acrs, mfa, cp1 };
}

/**
 * The reserved authentication context that demands MFA: Azure's mandatory-MFA claims challenges ask
 * for `{"access_token":{"acrs":{"essential":true,"values":["p1"]}}}`, and a token issued for it has
 * `mfa` in `amr` (Azure CLI `az login --claims-challenge`, azure-cli#31699 / #31856; Microsoft Learn
 * "Planning for mandatory Microsoft Entra multifactor authentication", client libraries section).
 */
export const MFA_CONTEXT = 'p1';

/**
 * The contexts a session (or a grant from it) satisfies: those it stepped up for, plus `p1` once it
 * did MFA (or always, when `p1` is configured as a context no policy targets).
 */
export function satisfiedContexts(have: { mfa: boolean; acrs: Iterable<string> }, p1RequiresMfa: boolean): string[] {
  const acrs = new Set(have.acrs);
  if (have.mfa || !p1RequiresMfa) acrs.add(MFA_CONTEXT);
  return [...acrs];
}

/** True when the session state (mfa, satisfied contexts) meets the request. */
export function satisfied(
  req: ClaimsRequest,
  have: { mfa: boolean; acrs: Iterable<string> },
  p1RequiresMfa = true,
): boolean {
  const acrs = new Set(satisfiedContexts(have, p1RequiresMfa));
  if (req.mfa && !have.mfa) return false;
  return req.acrs.length === 0 || req.acrs.some((a) => acrs.has(a));
}
