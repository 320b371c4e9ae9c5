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

/** Parses the (URL-decoded) claims JSON; returns undefined for invalid JSON so callers can reject it. */
export function parseClaims(raw: string | undefined): ClaimsRequest | undefined {
  if (!raw) return { acrs: [], mfa: false, cp1: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const at = obj(obj(parsed)?.access_token) ?? {};
  const acrs = values(obj(at.acrs));
  const mfa = values(obj(at.amr)).some((v) => v.toLowerCase() === 'mfa');
  const cp1 = values(obj(at.xms_cc)).some((v) => v.toLowerCase() === 'cp1');
  return { acrs, mfa, cp1 };
}

/** True when the session state (mfa, satisfied contexts) meets the request. */
export function satisfied(req: ClaimsRequest, have: { mfa: boolean; acrs: Iterable<string> }): boolean {
  const acrs = new Set(have.acrs);
  if (req.mfa && !have.mfa) return false;
  return req.acrs.length === 0 || req.acrs.some((a) => acrs.has(a));
}
