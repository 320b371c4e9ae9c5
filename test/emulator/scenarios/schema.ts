/**
 * The scenario file format (contract.ts `Scenario`) as a valibot schema, plus the cross-reference
 * checks a schema cannot express (every id a scenario mentions must exist). A bad file fails at
 * load with `ScenarioError` naming the file and the offending path, not later as a wrong answer.
 */
import * as v from 'valibot';
import type { Scenario } from '../contract.ts';
import { isRelativeTime, parseDuration } from './time.ts';

export class ScenarioError extends Error {
  constructor(
    readonly source: string,
    readonly issues: string[],
  ) {
    super(`Invalid scenario ${source}:\n  - ${issues.join('\n  - ')}`);
    this.name = 'ScenarioError';
  }
}

const Guid = v.pipe(
  v.string(),
  v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID'),
);
const Time = v.pipe(
  v.string(),
  v.check(
    (s) => isRelativeTime(s) || !Number.isNaN(Date.parse(s)),
    'must be an ISO date-time or a relative time like "-PT2H"',
  ),
);
const Duration = v.pipe(
  v.string(),
  v.check((s) => (parseDuration(s) ?? 0) > 0, 'must be an ISO 8601 duration like "PT8H"'),
);
const AccessId = v.picklist(['member', 'owner']);
const Rule = v.picklist(['MultiFactorAuthentication', 'Justification', 'Ticketing']);

export const ScenarioSchema = v.strictObject({
  $schema: v.optional(v.string()),
  name: v.pipe(v.string(), v.minLength(1)),
  startTime: v.optional(v.pipe(v.string(), v.isoTimestamp('must be an ISO timestamp'))),
  tenant: v.object({ id: Guid, domain: v.string(), displayName: v.string() }),
  clients: v.array(
    v.object({
      clientId: Guid,
      displayName: v.string(),
      redirectUris: v.array(v.pipe(v.string(), v.url())),
      consentedScopes: v.array(v.string()),
      idTokenOptionalClaims: v.optional(v.array(v.picklist(['login_hint']))),
    }),
  ),
  users: v.pipe(
    v.array(
      v.object({
        id: Guid,
        // Not v.email(): a B2B guest's UPN is like "dana_fabrikam.com#EXT#@contoso.onmicrosoft.com".
        userPrincipalName: v.pipe(v.string(), v.regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'must be a user principal name')),
        displayName: v.string(),
        authContexts: v.optional(v.array(v.pipe(v.string(), v.regex(/^c\d+$/, 'must be like "c1"')))),
        mfaAtSignIn: v.optional(v.boolean()),
        home: v.optional(v.object({ tenantId: Guid, objectId: Guid })),
      }),
    ),
    v.minLength(1),
  ),
  groups: v.array(
    v.object({
      id: Guid,
      displayName: v.string(),
      description: v.optional(v.string()),
      mail: v.optional(v.nullable(v.string())),
      deleted: v.optional(v.boolean()),
    }),
  ),
  policies: v.array(
    v.object({
      groupId: Guid,
      accessId: AccessId,
      maximumDuration: v.optional(Duration),
      enabledRules: v.optional(v.array(Rule)),
      approvalRequired: v.optional(v.boolean()),
      approvers: v.optional(v.array(Guid)),
      approverGroups: v.optional(v.array(Guid)),
      approverJustificationRequired: v.optional(v.boolean()),
      authenticationContext: v.optional(v.nullable(v.pipe(v.string(), v.regex(/^c\d+$/, 'must be like "c1"')))),
    }),
  ),
  eligibilities: v.array(
    v.object({
      principalId: Guid,
      groupId: Guid,
      accessId: AccessId,
      startDateTime: v.optional(Time),
      endDateTime: v.optional(v.nullable(Time)),
    }),
  ),
  assignments: v.array(
    v.object({
      principalId: Guid,
      groupId: Guid,
      accessId: AccessId,
      assignmentType: v.picklist(['assigned', 'activated']),
      startDateTime: v.optional(Time),
      endDateTime: v.optional(v.nullable(Time)),
    }),
  ),
  requests: v.optional(
    v.array(
      v.object({
        principalId: Guid,
        groupId: Guid,
        accessId: AccessId,
        status: v.picklist(['PendingApproval', 'Granted']),
        justification: v.optional(v.string()),
        createdDateTime: v.optional(Time),
        startDateTime: v.optional(Time),
        duration: v.optional(Duration),
      }),
    ),
  ),
});

function crossReferences(s: Scenario): string[] {
  const issues: string[] = [];
  const users = new Set(s.users.map((u) => u.id.toLowerCase()));
  const groups = new Set(s.groups.map((g) => g.id.toLowerCase()));
  const dup = (ids: string[], what: string) => {
    const seen = new Set<string>();
    for (const id of ids.map((x) => x.toLowerCase())) {
      if (seen.has(id)) issues.push(`duplicate ${what} id ${id}`);
      seen.add(id);
    }
  };
  dup(
    s.users.map((u) => u.id),
    'user',
  );
  dup(
    s.groups.map((g) => g.id),
    'group',
  );
  dup(
    s.policies.map((p) => `${p.groupId}/${p.accessId}`),
    'policy (groupId/accessId)',
  );
  const refs = (list: Array<{ principalId: string; groupId: string }>, name: string) =>
    list.forEach((x, i) => {
      if (!users.has(x.principalId.toLowerCase()))
        issues.push(`${name}[${i}].principalId: unknown user ${x.principalId}`);
      if (!groups.has(x.groupId.toLowerCase())) issues.push(`${name}[${i}].groupId: unknown group ${x.groupId}`);
    });
  refs(s.eligibilities, 'eligibilities');
  refs(s.assignments, 'assignments');
  refs(s.requests ?? [], 'requests');
  s.policies.forEach((p, i) => {
    if (!groups.has(p.groupId.toLowerCase())) issues.push(`policies[${i}].groupId: unknown group ${p.groupId}`);
    for (const a of p.approvers ?? [])
      if (!users.has(a.toLowerCase())) issues.push(`policies[${i}].approvers: unknown user ${a}`);
    for (const g of p.approverGroups ?? [])
      if (!groups.has(g.toLowerCase())) issues.push(`policies[${i}].approverGroups: unknown group ${g}`);
    if (p.approvalRequired && !(p.approvers ?? []).length && !(p.approverGroups ?? []).length)
      issues.push(`policies[${i}]: approvalRequired needs approvers or approverGroups`);
  });
  const deleted = new Set(s.groups.filter((g) => g.deleted).map((g) => g.id.toLowerCase()));
  (s.requests ?? []).forEach((r, i) => {
    if (deleted.has(r.groupId.toLowerCase())) issues.push(`requests[${i}]: the group is deleted`);
    if (r.status === 'Granted') {
      // Relative starts must lie ahead; absolute ones are checked against the clock when seeded.
      if (!r.startDateTime || /^-/.test(r.startDateTime))
        issues.push(`requests[${i}]: a Granted request needs a startDateTime in the future (e.g. "+PT2H")`);
      return;
    }
    const p = s.policies.find((x) => x.groupId === r.groupId && x.accessId === r.accessId);
    if (!p?.approvalRequired)
      issues.push(`requests[${i}]: a PendingApproval request needs a policy with approvalRequired`);
  });
  return issues;
}

/** Validates untrusted scenario data; throws ScenarioError listing every problem. */
export function validateScenario(data: unknown, source: string): Scenario {
  const result = v.safeParse(ScenarioSchema, data);
  if (!result.success) {
    throw new ScenarioError(
      source,
      result.issues.map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`),
    );
  }
  const { $schema: _, ...scenario } = result.output;
  const issues = crossReferences(scenario);
  if (issues.length > 0) throw new ScenarioError(source, issues);
  return scenario;
}
