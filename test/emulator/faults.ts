export type FaultType = '429' | '500' | '503' | 'latency' | 'drop' | 'malformed';
export type Area = 'graph' | 'authority';

export interface FaultRule {
  type: FaultType;
  /** Applies to the next `count` matching requests, then disappears. Absent: until cleared. */
  count?: number;
  /** Probability (0..1) that a matching request is hit. Absent: 1. */
  ratio?: number;
  /** `origin`: the request's Origin header, exactly (which browser's extension sent it). */
  match?: { pathContains?: string; method?: string; area?: Area; origin?: string };
  retryAfterSeconds?: number;
  latencyMs?: number;
  /**
   * The request is carried out first and only its reply is replaced ('500', '503', 'drop',
   * 'malformed'): the outcome the client cannot know, e.g. an activation that went through although
   * the connection dropped. Absent: the fault replaces the request, which never reaches the service.
   * With 'latency': the service answers at once and the answer takes `latencyMs` on its way back,
   * so it holds what was true when the request arrived (without `after`, the service takes its time
   * first and answers with what is true then).
   */
  after?: boolean;
}

const TYPES: FaultType[] = ['429', '500', '503', 'latency', 'drop', 'malformed'];

/** Validates a control-API body into a rule; returns an error message when it is not one. */
export function parseFaultRule(input: unknown): FaultRule | string {
  if (typeof input !== 'object' || input === null) return 'body must be a JSON object';
  const r = input as Record<string, unknown>;
  if (!TYPES.includes(r.type as FaultType)) return `type must be one of ${TYPES.join(', ')}`;
  for (const k of ['count', 'ratio', 'retryAfterSeconds', 'latencyMs'] as const) {
    if (r[k] !== undefined && (typeof r[k] !== 'number' || (r[k] as number) < 0)) return `${k} must be a number >= 0`;
  }
  if (r.after !== undefined && typeof r.after !== 'boolean') return 'after must be a boolean';
  if (r.after && r.type === '429') return 'after applies to 500, 503, drop, malformed and latency';
  if (r.match !== undefined && (typeof r.match !== 'object' || r.match === null)) return 'match must be an object';
  return r as unknown as FaultRule;
}

/** The active fault rules. The first matching rule wins; a counted rule is consumed as it fires. */
export class FaultStore {
  rules: FaultRule[] = [];
  /** Extra latency on every Graph/authority response (benchmarks). */
  latencyMs = 0;

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
  }

  /** Picks (and consumes) the rule that applies to this request, if any. */
  take(
    req: { method: string; path: string; area: Area; origin?: string | undefined },
    random: () => number = Math.random,
  ): FaultRule | undefined {
    const i = this.rules.findIndex((r) => matches(r, req));
    const rule = this.rules[i];
    if (!rule) return undefined;
    if (rule.ratio !== undefined && random() >= rule.ratio) return undefined;
    if (rule.count !== undefined) {
      rule.count -= 1;
      if (rule.count <= 0) this.rules.splice(i, 1);
    }
    return rule;
  }
}

function matches(
  rule: FaultRule,
  req: { method: string; path: string; area: Area; origin?: string | undefined },
): boolean {
  if (rule.count !== undefined && rule.count <= 0) return false;
  const m = rule.match ?? {};
  if (m.area && m.area !== req.area) return false;
  if (m.method && m.method.toUpperCase() !== req.method.toUpperCase()) return false;
  if (m.pathContains && !req.path.includes(m.pathContains)) return false;
  if (m.origin && m.origin !== req.origin) return false;
  return true;
}

/** Graph's throttling / outage replies; 429 and 503 carry Retry-After as Graph does. */
export const FAULT_ERRORS: Record<'429' | '500' | '503', { code: string; message: string }> = {
  '429': { code: 'TooManyRequests', message: 'Too many requests. Please retry again later.' },
  '500': { code: 'InternalServerError', message: 'An internal server error occurred.' },
  '503': { code: 'ServiceUnavailable', message: 'Service is temporarily unavailable. Please retry again later.' },
};

/** What "malformed" sends: a 200 whose JSON stops mid-way, like a connection cut after the headers. */
export const MALFORMED_BODY =
  '{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Collection","value":[{"id":"';
