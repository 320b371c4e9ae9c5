import * as v from 'valibot';
import { CLOUDS, isGuid } from '../core/connection.ts';
import { type AccessId, PIM_LIMITS } from '../core/pim-state.ts';

// Graph responses are validated before use: a wrong shape must become a clear error, never a
// list that silently misleads. Only the fields the extension uses are checked;
// unknown fields are ignored. Enum values are compared case-insensitively (the docs mix casings),
// and a value Graph may add later (its enums gain `unknownFutureValue`) is kept as it came, never
// fatal: the reader decides what an unknown value means (pim.ts skips an unknown accessId).

const lower = v.pipe(v.string(), v.toLowerCase());
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(256));
// Entra object ids are GUIDs: anything else is a malformed item (read as unreadable and counted),
// never a row whose id no request could carry (and no blank label made of it).
const groupId = v.pipe(v.string(), v.maxLength(PIM_LIMITS.groupId), v.check(isGuid, 'not a GUID'));
const requestId = v.pipe(v.string(), v.minLength(1), v.maxLength(PIM_LIMITS.requestId));
const dateTime = v.pipe(
  v.string(),
  v.transform((s) => Date.parse(s)),
  v.check((n) => Number.isFinite(n), 'not a date'),
);
/** `member`/`owner`, or `unknown` for a value this version does not know (e.g. `unknownFutureValue`). */
const access = v.pipe(
  lower,
  v.transform((s): AccessId | 'unknown' => (s === 'member' || s === 'owner' ? s : 'unknown')),
);
/**
 * Display text (a group name, a justification) longer than the cache keeps is shortened, not
 * refused: one overlong name must not cost the user the whole list. Cut in UTF-16 units, as the
 * cache counts, never inside a surrogate pair.
 */
const displayText = (max: number) =>
  v.pipe(
    v.string(),
    v.transform((s) => {
      if (s.length <= max) return s;
      const cut = s.slice(0, max - 1);
      return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
    }),
  );
const group = v.nullish(
  v.looseObject({
    id: v.optional(v.string()),
    displayName: v.nullish(displayText(PIM_LIMITS.groupName)),
  }),
);

export const eligibilityInstance = v.looseObject({
  id,
  groupId,
  accessId: access,
  startDateTime: v.nullish(dateTime),
  endDateTime: v.nullish(dateTime),
  group,
});

export const assignmentInstance = v.looseObject({
  id,
  groupId,
  accessId: access,
  assignmentType: v.nullish(lower),
  startDateTime: v.nullish(dateTime),
  endDateTime: v.nullish(dateTime),
  group,
});

const expiration = v.nullish(
  v.looseObject({
    type: v.nullish(lower),
    endDateTime: v.nullish(dateTime),
    duration: v.nullish(v.string()),
  }),
);

export const scheduleRequest = v.looseObject({
  id: requestId,
  status: lower,
  groupId,
  accessId: access,
  action: v.nullish(lower),
  createdDateTime: v.nullish(dateTime),
  justification: v.nullish(displayText(PIM_LIMITS.justification)),
  scheduleInfo: v.nullish(v.looseObject({ startDateTime: v.nullish(dateTime), expiration })),
});

// Every rule field may be null: Graph sends `null` for a setting nobody set (e.g. `setting` of a
// rule another caller owns). A null is read as "absent", which core/policy.ts treats as "not required".
export const policyRule = v.looseObject({
  id: v.string(),
  isExpirationRequired: v.nullish(v.boolean()),
  maximumDuration: v.nullish(v.string()),
  enabledRules: v.nullish(v.array(v.string())),
  setting: v.nullish(v.looseObject({ isApprovalRequired: v.nullish(v.boolean()) })),
  isEnabled: v.nullish(v.boolean()),
  claimValue: v.nullish(v.pipe(v.string(), v.maxLength(PIM_LIMITS.authContext))),
});

export const policyAssignment = v.looseObject({
  scopeId: v.string(),
  roleDefinitionId: access,
  policy: v.nullish(v.looseObject({ rules: v.nullish(v.array(policyRule)) })),
});

const GRAPH_ORIGINS: ReadonlySet<string> = new Set(Object.values(CLOUDS).map((cloud) => cloud.graphHost));

/**
 * Graph's link to the next page, followed as it is (it is opaque): only an absolute URL on a
 * Microsoft Graph host, so a page that names anything else is malformed and no request (nor token)
 * goes there.
 */
const nextLink = v.pipe(
  v.string(),
  v.check((link) => URL.canParse(link) && GRAPH_ORIGINS.has(new URL(link).origin), 'not a Microsoft Graph URL'),
);

/** A collection page: `value` items and perhaps the next page. */
export const page = <S extends v.GenericSchema>(item: S) =>
  v.looseObject({ value: v.array(item), '@odata.nextLink': v.optional(nextLink) });

/**
 * A collection page whose items are checked one by one (pim.ts): one unreadable item costs the
 * user that item, never the whole list.
 */
export const loosePage = page(v.unknown());

export type EligibilityInstance = v.InferOutput<typeof eligibilityInstance>;
export type AssignmentInstance = v.InferOutput<typeof assignmentInstance>;
export type ScheduleRequest = v.InferOutput<typeof scheduleRequest>;
export type PolicyAssignment = v.InferOutput<typeof policyAssignment>;

/** A request as its approver reads it (`filterByCurrentUser(on='approver')` with `$expand=principal`). */
export const approverRequest = v.looseObject({
  ...scheduleRequest.entries,
  principal: v.nullish(v.looseObject({ displayName: v.nullish(displayText(PIM_LIMITS.groupName)) })),
  group,
  ticketInfo: v.nullish(
    v.looseObject({
      ticketNumber: v.nullish(displayText(PIM_LIMITS.justification)),
      ticketSystem: v.nullish(displayText(PIM_LIMITS.justification)),
    }),
  ),
});

/** v1.0 `approvalStage` and beta `approvalStep` carry the same fields (graph-pim-groups.md §1.3). */
export const approvalStage = v.looseObject({
  id,
  assignedToMe: v.nullish(v.boolean()),
  status: v.nullish(lower),
  reviewResult: v.nullish(lower),
  reviewedBy: v.nullish(v.looseObject({ displayName: v.nullish(displayText(PIM_LIMITS.groupName)) })),
});

/** An approval: v1.0 lists `stages`, beta `steps`; an approval listed with neither is read again on its own. */
export const approval = v.looseObject({
  id: requestId,
  stages: v.nullish(v.array(approvalStage)),
  steps: v.nullish(v.array(approvalStage)),
});

export type ApproverRequestData = v.InferOutput<typeof approverRequest>;
export type ApprovalData = v.InferOutput<typeof approval>;
