export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const OIDC = new Set(['openid', 'profile', 'offline_access', 'email']);

export interface ParsedScopes {
  oidc: string[];
  /** Graph scopes without the resource prefix; `.default` kept as such. */
  graph: string[];
  /** Scopes for resources the emulator does not host. */
  other: string[];
  /** True when every Graph scope came resource-prefixed (and there was at least one). */
  prefixed: boolean;
}

export function parseScopes(scope: string | undefined): ParsedScopes {
  const out: ParsedScopes = { oidc: [], graph: [], other: [], prefixed: false };
  let short = 0;
  for (const s of (scope ?? '').split(/\s+/).filter(Boolean)) {
    const lower = s.toLowerCase();
    if (OIDC.has(lower)) out.oidc.push(lower);
    else if (lower.startsWith(`${GRAPH_RESOURCE}/`)) out.graph.push(s.slice(GRAPH_RESOURCE.length + 1));
    else if (lower.startsWith(`${GRAPH_APP_ID}/`)) out.graph.push(s.slice(GRAPH_APP_ID.length + 1));
    else if (s.includes('/') || s.includes(':')) out.other.push(s);
    else {
      out.graph.push(s);
      short += 1;
    }
  }
  out.prefixed = out.graph.length > 0 && short === 0;
  return out;
}

/** Requested Graph scopes the client has no consent for (case-insensitive, as Entra compares). */
export function missingConsent(requested: ParsedScopes, consented: string[]): string[] {
  const have = new Set(consented.map((c) => c.replace(`${GRAPH_RESOURCE}/`, '').toLowerCase()));
  return [...requested.graph.filter((g) => g !== '.default' && !have.has(g.toLowerCase())), ...requested.other];
}

/**
 * Scopes Entra puts into a Graph token: all scopes consented for the client, whatever subset was requested
 * (that is how the v2 endpoint treats statically consented permissions).
 */
export function grantedGraphScopes(consented: string[]): string[] {
  return consented.map((c) => c.replace(`${GRAPH_RESOURCE}/`, ''));
}

/**
 * The `scope` field of a token response: the Graph scopes, then the OIDC ones. Graph scopes come back
 * resource-prefixed when the client asked that way, short otherwise: MSAL caches the token under these
 * strings and finds it again only if they contain what it asked for.
 */
export function responseScope(granted: string[], requested: ParsedScopes): string {
  const graph = requested.prefixed ? granted.map((g) => `${GRAPH_RESOURCE}/${g}`) : granted;
  return [...graph, 'openid', 'profile', 'offline_access'].join(' ');
}
