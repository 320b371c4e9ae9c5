/**
 * The slice of OData the PIM endpoints support: `$filter` (eq/ne joined by `and`, single-quoted
 * string literals), `$select`, `$expand` (with nested options), `$top` and `$skiptoken` paging.
 * Anything else is rejected with a 400 rather than silently ignored, so a client that relies on
 * an unsupported clause finds out here and not in production.
 */
import { badRequest } from './errors.ts';

export interface FilterClause {
  field: string;
  op: 'eq' | 'ne';
  value: string;
}

const CLAUSE = /^\s*([A-Za-z]+)\s+(eq|ne)\s+'((?:[^']|'')*)'\s*/i;

/** Parses `$filter`; every field must be in `allowed`. Returns [] for an absent filter. */
export function parseFilter(raw: string | null, allowed: readonly string[]): FilterClause[] {
  if (raw === null || raw.trim() === '') return [];
  const clauses: FilterClause[] = [];
  let rest = raw;
  for (;;) {
    const m = CLAUSE.exec(rest);
    if (!m) throw badRequest(`Invalid filter clause: '${raw}'.`);
    const [whole, field = '', op = 'eq', value = ''] = m;
    const known = allowed.find((a) => a.toLowerCase() === field.toLowerCase());
    if (!known) throw badRequest(`Invalid filter clause: Could not find a property named '${field}'.`);
    clauses.push({ field: known, op: op.toLowerCase() as 'eq' | 'ne', value: value.replaceAll("''", "'") });
    rest = rest.slice(whole.length);
    if (rest.trim() === '') return clauses;
    const and = /^and\s+/i.exec(rest);
    if (!and) throw badRequest(`Invalid filter clause: '${raw}'. Only 'eq' and 'ne' joined by 'and' are supported.`);
    rest = rest.slice(and[0].length);
  }
}

/** Enum and id comparisons are case-insensitive, as Graph's are for these properties. */
export function matches(item: Record<string, unknown>, clauses: FilterClause[]): boolean {
  return clauses.every((c) => {
    const equal = String(item[c.field] ?? '').toLowerCase() === c.value.toLowerCase();
    return c.op === 'eq' ? equal : !equal;
  });
}

export interface ExpandItem {
  name: string;
  select?: string[];
  expand?: ExpandItem[];
}

/** Splits on commas that are not inside parentheses. */
function splitTop(raw: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of raw) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === sep && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (depth !== 0) throw badRequest(`Invalid $expand: unbalanced parentheses in '${raw}'.`);
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** Parses `$expand=group($select=id,displayName),principal` or `policy($expand=rules)`. */
export function parseExpand(raw: string | null, allowed: readonly string[]): ExpandItem[] {
  if (raw === null || raw.trim() === '') return [];
  return splitTop(raw, ',').map((part) => {
    const m = /^([A-Za-z]+)(?:\((.*)\))?$/s.exec(part);
    const name = allowed.find((a) => a.toLowerCase() === m?.[1]?.toLowerCase());
    if (!m || !name) throw badRequest(`Could not find a property named '${m?.[1] ?? part}' that can be expanded.`);
    const item: ExpandItem = { name };
    for (const opt of m[2] ? splitTop(m[2], ';') : []) {
      const [key = '', value = ''] = opt.split(/=(.*)/s);
      if (key.toLowerCase() === '$select') item.select = parseSelect(value);
      else if (key.toLowerCase() === '$expand') item.expand = parseExpand(value, ['rules']);
      else throw badRequest(`Query option '${key}' is not supported inside $expand.`);
    }
    return item;
  });
}

export function parseSelect(raw: string | null): string[] | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  return raw.split(',').map((s) => s.trim());
}

/**
 * Keeps only the selected properties and OData annotations. `id` too goes unless selected: Graph
 * returns exactly the `$select` list (e.g. `$expand=group($select=displayName)` gives a group
 * without `id`), so a client that needs the id must ask for it.
 */
export function applySelect<T extends Record<string, unknown>>(obj: T, select: string[] | undefined): T {
  if (!select) return obj;
  const keep = new Set(select.map((s) => s.toLowerCase()));
  return Object.fromEntries(Object.entries(obj).filter(([k]) => k.startsWith('@') || keep.has(k.toLowerCase()))) as T;
}

/**
 * The projection part of an `@odata.context` URL (OData 4.01 §10.9–10.10): the `$select` list,
 * then each expanded navigation with its own projection, `group(id,displayName)` or `policy(rules())`.
 * Empty when neither is asked for. Graph's documented example:
 * `$metadata#policies/roleManagementPolicyAssignments(policy(rules()))`.
 */
export function projection(select: string[] | undefined, expand: ExpandItem[]): string {
  const expanded = (e: ExpandItem): string =>
    `${e.name}(${[...(e.select ?? []), ...(e.expand ?? []).map(expanded)].join(',')})`;
  const parts = [...(select ?? []), ...expand.map(expanded)];
  return parts.length ? `(${parts.join(',')})` : '';
}

/** The system query options the emulated endpoints support; `$count`, `$orderby`, `$search`, `$skip`… are refused. */
const SUPPORTED_OPTIONS = new Set(['$filter', '$select', '$expand', '$top', '$skiptoken']);

/**
 * Refuses any other system query option with 400 rather than ignoring it: the PIM for Groups pages
 * document only `$select`, `$filter` and `$expand` (and paging), and a client that relied on an
 * ignored `$count=true` would read a count that never comes.
 */
export function checkQueryOptions(query: URLSearchParams): void {
  for (const key of query.keys()) {
    const lower = key.toLowerCase();
    if (lower.startsWith('$') && !SUPPORTED_OPTIONS.has(lower)) {
      throw badRequest(
        `Query option '${key.slice(1)}' is not allowed. Make sure that it is supported for this request.`,
      );
    }
  }
}

export interface Page<T> {
  items: T[];
  nextSkip: number | null;
}

/**
 * `$skiptoken` is an opaque offset we issued. `$top` (1–999, as elsewhere in Graph) can make a
 * page smaller, never larger than the server's page size: the PIM for Groups pages document no
 * `$top` and no maximum, and Graph's paging page says a `$top` above an API's maximum may be
 * ignored or lowered to it (README, decision 20). A client that counts on a bigger page finds out here.
 */
export function paginate<T>(items: T[], query: URLSearchParams, serverPageSize: number): Page<T> {
  const topRaw = query.get('$top');
  let size = serverPageSize;
  if (topRaw !== null) {
    const top = Number(topRaw);
    if (!Number.isInteger(top) || top < 1 || top > 999) {
      throw badRequest(`Invalid page size specified: '${topRaw}'. Must be between 1 and 999 inclusive.`);
    }
    size = Math.min(top, serverPageSize);
  }
  const token = query.get('$skiptoken');
  let offset = 0;
  if (token !== null) {
    offset = Number(
      Buffer.from(token, 'base64url')
        .toString('utf8')
        .replace(/^skip:/, ''),
    );
    if (!Number.isInteger(offset) || offset < 0) throw badRequest('The $skiptoken is invalid or has expired.');
  }
  const end = offset + size;
  return { items: items.slice(offset, end), nextSkip: end < items.length ? end : null };
}

/** Absolute nextLink that keeps the caller's query and carries the next offset. */
export function nextLink(baseUrl: string, path: string, query: URLSearchParams, skip: number): string {
  const q = new URLSearchParams(query);
  q.delete('$skiptoken');
  q.set('$skiptoken', Buffer.from(`skip:${skip}`).toString('base64url'));
  // Graph prints "$" and "'" unescaped and spaces as %20; keep links readable and equivalent
  // (a literal "+" was already encoded as %2B, so only spaces become %20).
  const qs = q.toString().replaceAll('%24', '$').replaceAll('%27', "'").replaceAll('+', '%20');
  return `${baseUrl}${encodeURI(path)}?${qs}`;
}

/** Parses `filterByCurrentUser(on='x')`, returning x, or null when the segment is something else. */
export function filterByCurrentUser(segment: string | undefined, allowed: readonly string[]): string | null {
  const m = /^filterByCurrentUser\(on='([^']*)'\)$/i.exec(segment ?? '');
  if (!m) return null;
  const on = allowed.find((a) => a.toLowerCase() === m[1]?.toLowerCase());
  if (!on) throw badRequest(`The parameter 'on' has an invalid value '${m[1]}'. Allowed: ${allowed.join(', ')}.`);
  return on;
}
