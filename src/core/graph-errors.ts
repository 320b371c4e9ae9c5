// Every Graph failure as a sentence the user can act on (docs/graph-pim-groups.md §3, §5), and a
// class the background decides on.
// Pure: the caller localises the sentence and passes the locale for durations and times.
import type { ClosedStage } from './approvals.ts';
import type { Sentence } from './auth-errors.ts';
import { failedPolicyRules } from './claims.ts';
import { formatList, formatMinutes, formatSeconds } from './format/duration.ts';
import { formatMoment } from './format/time.ts';
import type { MessageKey } from './message-key.ts';
import { redact } from './redact.ts';

/** An HTTP error from Graph: its status, `error.code`, `error.message` and the `Retry-After` header. */
export interface GraphHttpFailure {
  status: number;
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

/** No HTTP response: offline, DNS or connection reset (`network`), no answer in time, or a 2xx body that is not the JSON expected. */
export type GraphTransportFailure = { kind: 'network' } | { kind: 'timeout' } | { kind: 'malformed' };

export type GraphFailure = GraphHttpFailure | GraphTransportFailure;

export type GraphOperation = 'activate' | 'deactivate' | 'cancel' | 'refresh' | 'approve';

export interface GraphFailureContext {
  operation: GraphOperation;
  groupName: string;
  accessId: 'member' | 'owner';
  /** The policy maximum the extension knows (ExpirationRule). */
  maximumMinutes?: number;
  /** The duration that was asked for; when it is within `maximumMinutes`, that maximum is stale. */
  requestedMinutes?: number;
  /** BCP 47 tag for durations and times (e.g. `browser.i18n.getUILanguage()`); English when absent. */
  locale?: string;
  /** IANA time zone for clock times; the system's when absent. */
  timeZone?: string;
  /** When the access being deactivated became active (epoch ms), for the 5-minute rule. */
  activatedAt?: number;
  /** Now (epoch ms, server-corrected if possible); a retry time not after it is not shown. */
  now?: number;
}

/**
 * What the background does with a failure:
 * - `alreadyActive`: the goal is reached, count it as done.
 * - `pending`: a request is already waiting; show it, do not repeat.
 * - `policy`: the user must change the request (duration, reason, ticket) or wait (5-minute rule).
 * - `stepUp`: sign in with stronger claims (MFA, authentication context), then retry once.
 * - `throttled`: wait `retryAfterSeconds` (or back off), then retry.
 * - `transient`: Graph or the network failed; a POST may have gone through, so read the state
 *   before repeating it.
 * - `auth`: the token is no longer accepted; sign in again.
 * - `permission`: the app registration or the user lacks a right; an administrator must act.
 * - `notFound`: the thing acted on does not exist (any more).
 * - `conflict`: someone else changed it first (e.g. an approval already decided).
 * - `invalid`: Graph rejected the request itself; repeating it will not help.
 * - `unknown`: anything else.
 */
export type GraphFailureClass =
  | 'alreadyActive'
  | 'pending'
  | 'policy'
  | 'stepUp'
  | 'throttled'
  | 'transient'
  | 'auth'
  | 'permission'
  | 'notFound'
  | 'conflict'
  | 'invalid'
  | 'unknown';

/** Graph codes (lower-cased) and what they mean, independent of the HTTP status. */
const CODE_CLASS: Record<string, GraphFailureClass> = {
  roleassignmentexists: 'alreadyActive',
  pendingroleassignmentrequest: 'pending',
  roleassignmentrequestexists: 'pending',
  roleassignmentrequestpolicyvalidationfailed: 'policy',
  activedurationtooshort: 'policy',
  roleassignmentrequestacrsvalidationfailed: 'stepUp',
  roleassignmentdoesnotexist: 'notFound',
  // Not Graph's: graph/pim.ts reports a policy list without the group's policy this way.
  rolemanagementpolicynotfound: 'notFound',
  invalidroleassignmentrequest: 'invalid',
  badrequest: 'invalid',
  request_badrequest: 'invalid',
  invalidrequest: 'invalid',
  permissionscopenotgranted: 'permission',
  authorizationfailed: 'permission',
  authorization_requestdenied: 'permission',
  forbidden: 'permission',
  accessdenied: 'permission',
  invalidauthenticationtoken: 'auth',
  unauthenticated: 'auth',
  unauthorized: 'auth',
  resourcenotfound: 'notFound',
  request_resourcenotfound: 'notFound',
  itemnotfound: 'notFound',
  notfound: 'notFound',
  conflict: 'conflict',
  // The request was not run because another one in the batch failed; that one's class decides.
  faileddependency: 'transient',
  toomanyrequests: 'throttled',
  activitylimitreached: 'throttled',
  serviceunavailable: 'transient',
  servicenotavailable: 'transient',
  internalservererror: 'transient',
  generalexception: 'transient',
  unknownerror: 'transient',
  gatewaytimeout: 'transient',
  badgateway: 'transient',
  timeout: 'transient',
};

const isTransport = (f: GraphFailure): f is GraphTransportFailure => 'kind' in f && typeof f.kind === 'string';

const codeOf = (f: GraphHttpFailure): string => (typeof f.code === 'string' ? f.code.trim().toLowerCase() : '');
const messageOf = (f: GraphHttpFailure): string => (typeof f.message === 'string' ? f.message : '');

const KNOWN_RULES = ['expirationrule', 'justificationrule', 'ticketingrule', 'mfarule'] as const;

/** The failed rule names, from PIM's `["…"]` list or, failing that, any known rule named in the text. */
function rulesOf(message: string): string[] {
  const listed = failedPolicyRules(message);
  const found = listed.length ? listed : [...message.matchAll(/\b(?:Expiration|Justification|Ticketing|Mfa)Rule\b/gi)];
  return [...new Set(found.map((r) => (typeof r === 'string' ? r : r[0]).trim()).filter((r) => r !== ''))];
}

function classByStatus(status: number): GraphFailureClass {
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404 || status === 410) return 'notFound';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 408 || status === 424) return 'transient';
  if (status === 429) return 'throttled';
  if (status >= 500 && status <= 599) return 'transient';
  if (status >= 400 && status <= 499) return 'invalid';
  return 'unknown';
}

/** The class of a failure, so the background can decide between done, retry, reconcile, re-auth and stop. */
export function classifyGraphFailure(failure: GraphFailure): GraphFailureClass {
  if (isTransport(failure)) {
    // A malformed 2xx means the write may well have happened: reconcile like a 5xx.
    return failure.kind === 'network' || failure.kind === 'timeout' || failure.kind === 'malformed'
      ? 'transient'
      : 'unknown';
  }
  // Throttling and server errors are about Graph, whatever code came with them.
  if (failure.status === 429) return 'throttled';
  if (failure.status >= 500 && failure.status <= 599) return 'transient';
  const code = codeOf(failure);
  const known = Object.hasOwn(CODE_CLASS, code) ? CODE_CLASS[code] : undefined;
  if (known === 'policy' && code === 'roleassignmentrequestpolicyvalidationfailed') {
    // MFA alone is fixed by a stronger sign-in; anything else needs the user to change the request.
    const rules = rulesOf(messageOf(failure)).map((r) => r.toLowerCase());
    return rules.length > 0 && rules.every((r) => r === 'mfarule') ? 'stepUp' : 'policy';
  }
  return known ?? classByStatus(failure.status);
}

// ---------------------------------------------------------------------------------------------
// Text from Graph and from the directory (group names) goes into sentences only after this.

const MAX_TEXT = 200;
// Bidirectional overrides and isolates could reorder the rest of the sentence around them.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Untrusted text made safe for a sentence: no markup, no control or bidi characters, at most `max` characters. */
function clean(text: unknown, max = MAX_TEXT): string {
  let s = typeof text === 'string' ? text : '';
  // Bound the work before the regular expressions run.
  if (s.length > 20 * max) s = s.slice(0, 20 * max);
  s = redact(s)
    .replace(/<[^<>]*>/g, ' ')
    .replace(/[<>]/g, ' ')
    .replace(BIDI_CONTROLS, '')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(s);
  return chars.length > max
    ? `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
    : s;
}

/** The first sentence of Graph's message (ids, claims and traces follow it), cleaned and bounded. */
export function graphMessageExcerpt(message: string, max = MAX_TEXT): string {
  const raw = (typeof message === 'string' ? message : '').slice(0, 20 * max).replace(/&claims=\S*/g, '');
  // Later lines carry trace and correlation ids; the first line that says something is the message.
  const line = raw.split(/[\r\n\u2028\u2029]+/).find((l) => clean(l) !== '') ?? '';
  const text = clean(line, 20 * max);
  const first = /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  return clean(first, max);
}

const GENERIC_INVALID = /^the role assignment request is invalid\.\s*/i;

/** The missing delegated scope Graph names, e.g. "missing permission scope PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup". */
function scopeIn(message: string): string | undefined {
  const match =
    /\b[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*\.(?:Read|ReadWrite|ReadBasic|Write|Remove|Manage)(?:\.[A-Za-z0-9]+)*\b/.exec(
      message.slice(0, 4000),
    );
  return match ? clean(match[0], 120) : undefined;
}

const sentence = (key: MessageKey, ...substitutions: string[]): Sentence => ({ key, substitutions });

/**
 * One sentence per combination of two or more failed rules, so translators get whole sentences
 * rather than list fragments. Keyed by the failed rules in `KNOWN_RULES` order, joined with "+";
 * spelled out (not built from parts) so the locales test sees every key in use.
 */
const POLICY_COMBINATION: Record<string, MessageKey> = {
  'expirationrule+justificationrule': 'graphErrorPolicyDurationReason',
  'expirationrule+ticketingrule': 'graphErrorPolicyDurationTicket',
  'expirationrule+mfarule': 'graphErrorPolicyDurationMfa',
  'justificationrule+ticketingrule': 'graphErrorPolicyReasonTicket',
  'justificationrule+mfarule': 'graphErrorPolicyReasonMfa',
  'ticketingrule+mfarule': 'graphErrorPolicyTicketMfa',
  'expirationrule+justificationrule+ticketingrule': 'graphErrorPolicyDurationReasonTicket',
  'expirationrule+justificationrule+mfarule': 'graphErrorPolicyDurationReasonMfa',
  'expirationrule+ticketingrule+mfarule': 'graphErrorPolicyDurationTicketMfa',
  'justificationrule+ticketingrule+mfarule': 'graphErrorPolicyReasonTicketMfa',
  'expirationrule+justificationrule+ticketingrule+mfarule': 'graphErrorPolicyDurationReasonTicketMfa',
};

function expirationSentence(group: string, c: GraphFailureContext): Sentence {
  const max = c.maximumMinutes;
  const known = typeof max === 'number' && Number.isFinite(max) && max > 0;
  // If what was asked for fits the maximum we know, the policy changed since we read it.
  const stale = known && typeof c.requestedMinutes === 'number' && c.requestedMinutes <= max;
  if (!known || stale) return sentence('graphErrorExpirationRuleNoMaximum', group);
  return sentence(
    c.accessId === 'owner' ? 'graphErrorExpirationRuleOwner' : 'graphErrorExpirationRuleMember',
    group,
    formatMinutes(max, c.locale),
  );
}

function policySentence(f: GraphHttpFailure, group: string, c: GraphFailureContext): Sentence {
  const rules = rulesOf(messageOf(f));
  const lower = rules.map((r) => r.toLowerCase());
  if (rules.length === 0) return fallback(f);
  if (!lower.every((r) => (KNOWN_RULES as readonly string[]).includes(r))) {
    return sentence('graphErrorPolicyOther', group, clean(formatList(rules, c.locale)));
  }
  const failed = KNOWN_RULES.filter((r) => lower.includes(r));
  if (failed.length === 1) {
    switch (failed[0]) {
      case 'expirationrule':
        return expirationSentence(group, c);
      case 'justificationrule':
        return sentence('graphErrorJustificationRule', group);
      case 'ticketingrule':
        return sentence('graphErrorTicketingRule', group);
      default:
        return sentence('graphErrorMfaRule', group);
    }
  }
  const combination = POLICY_COMBINATION[failed.join('+')];
  return combination
    ? sentence(combination, group)
    : sentence('graphErrorPolicyOther', group, clean(formatList(rules, c.locale)));
}

const MINUTE = 60_000;

function tooShortSentence(f: GraphHttpFailure, c: GraphFailureContext): Sentence {
  const stated = Number(/(\d{1,4})\s*minute/i.exec(messageOf(f))?.[1]);
  const minimum = Number.isFinite(stated) && stated > 0 ? stated : 5;
  const duration = formatMinutes(minimum, c.locale);
  if (typeof c.activatedAt === 'number' && Number.isFinite(c.activatedAt)) {
    // Rounded up to the minute, so that "try again at 14:35" works at 14:35.
    const at = Math.ceil((c.activatedAt + minimum * MINUTE) / MINUTE) * MINUTE;
    const now = typeof c.now === 'number' && Number.isFinite(c.now) ? c.now : undefined;
    if ((now === undefined || at > now) && Number.isFinite(at) && Math.abs(at) < 8.64e15) {
      // Named as the rows name moments: "Sun 00:05" when it is tomorrow, not a bare "00:05".
      const zone = { locale: c.locale, timeZone: c.timeZone };
      return sentence('graphErrorTooShortAt', duration, formatMoment(at, now ?? at, zone));
    }
  }
  return sentence('graphErrorTooShort', duration);
}

function invalidSentence(f: GraphHttpFailure, group: string): Sentence {
  const message = messageOf(f);
  if (/permanent assignment/i.test(message)) return sentence('graphErrorPermanent', group);
  // A group deleted while its eligibility is still listed (the emulator's text; Graph's is undocumented).
  if (/\bgroup\b[^.]*\b(?:was not found|does not exist)/i.test(message)) return sentence('graphErrorGroupGone', group);
  const status = /status\s+'([^']{1,60})'\s+cannot be cancel/i.exec(message)?.[1];
  if (status) return sentence('graphErrorCannotCancel', clean(status, 60));
  const rest = message.trimStart().replace(GENERIC_INVALID, '');
  return sentence('graphErrorInvalidRequest', group, graphMessageExcerpt(rest || message));
}

function permissionSentence(f: GraphHttpFailure, c: GraphFailureContext): Sentence {
  const scope = scopeIn(messageOf(f));
  if (scope) return sentence('graphErrorMissingScope', scope);
  if (codeOf(f) !== 'permissionscopenotgranted') {
    // Without a named scope, a 403 on these two is about who the user is, not about consent.
    if (c.operation === 'approve') return sentence('graphErrorNotApprover');
    if (c.operation === 'cancel') return sentence('graphErrorNotRequester');
  }
  return sentence('graphErrorForbidden');
}

function statusText(status: number): string {
  return Number.isFinite(status) ? String(Math.trunc(status)) : '?';
}

/** Graph's own first sentence and its code: for everything without a better explanation. */
function fallback(f: GraphHttpFailure): Sentence {
  const code = clean(f.code, 80) || `HTTP ${statusText(f.status)}`;
  const detail = graphMessageExcerpt(messageOf(f));
  return detail ? sentence('graphErrorUnknown', detail, code) : sentence('graphErrorUnknownNoDetail', code);
}

function explain(failure: GraphFailure, c: GraphFailureContext): Sentence {
  const group = clean(c.groupName);
  const write = c.operation !== 'refresh';
  if (isTransport(failure)) {
    if (failure.kind === 'network') return sentence('graphErrorNetwork');
    if (failure.kind === 'timeout')
      return write ? sentence('graphErrorTimeoutWrite', group) : sentence('graphErrorTimeoutRead');
    return sentence('graphErrorMalformed');
  }
  const cls = classifyGraphFailure(failure);
  const code = codeOf(failure);
  // The approval stage demands the approver's reason (Graph's text is undocumented; the emulator
  // names the `justification` property, as OData's validation messages do).
  if (c.operation === 'approve' && failure.status === 400 && /justification/i.test(messageOf(failure)))
    return sentence('graphErrorApproverJustificationRequired');
  switch (code) {
    case 'roleassignmentrequestpolicyvalidationfailed':
      return policySentence(failure, group, c);
    case 'roleassignmentrequestacrsvalidationfailed':
      return sentence('graphErrorAcrs', group);
    case 'roleassignmentexists':
      return sentence(c.accessId === 'owner' ? 'graphErrorAlreadyActiveOwner' : 'graphErrorAlreadyActiveMember', group);
    case 'rolemanagementpolicynotfound':
      return sentence('graphErrorNoPolicy', group);
    case 'roleassignmentdoesnotexist':
      if (c.operation === 'deactivate') return sentence('graphErrorNothingToDeactivate', group);
      if (c.operation === 'activate') {
        return sentence(c.accessId === 'owner' ? 'graphErrorNotEligibleOwner' : 'graphErrorNotEligibleMember', group);
      }
      return sentence('graphErrorNotFound', group);
    case 'activedurationtooshort':
      return tooShortSentence(failure, c);
    case 'pendingroleassignmentrequest':
    case 'roleassignmentrequestexists':
      return sentence(c.operation === 'activate' ? 'graphErrorPendingApproval' : 'graphErrorPendingChange', group);
    case 'invalidroleassignmentrequest':
      return invalidSentence(failure, group);
    case 'faileddependency':
      return sentence('graphErrorFailedDependency', group);
  }
  switch (cls) {
    case 'throttled': {
      const wait = failure.retryAfterSeconds;
      return typeof wait === 'number' && Number.isFinite(wait) && wait > 0
        ? sentence('graphErrorThrottledRetry', formatSeconds(Math.min(wait, 86_400), c.locale))
        : sentence('graphErrorThrottled');
    }
    case 'transient':
      if (failure.status === 424) return sentence('graphErrorFailedDependency', group);
      return write
        ? sentence('graphErrorServerWrite', group, statusText(failure.status))
        : sentence('graphErrorServerRead', statusText(failure.status));
    case 'auth':
      return sentence('graphErrorSignInAgain');
    case 'permission':
      return permissionSentence(failure, c);
    case 'notFound':
      return c.operation === 'cancel' || c.operation === 'approve'
        ? sentence('graphErrorRequestGone')
        : sentence('graphErrorNotFound', group);
    case 'conflict':
      return c.operation === 'approve' ? sentence('graphErrorAlreadyDecided') : sentence('graphErrorConflict', group);
    default:
      return fallback(failure);
  }
}

/** A sentence the user can act on for any Graph failure; never throws, and Graph's text is cleaned and bounded. */
export function explainGraphFailure(failure: GraphFailure, context: GraphFailureContext): Sentence {
  try {
    return explain(failure, context);
  } catch {
    // Defensive: a failure explaining a failure must still say something.
    return sentence('graphErrorUnknownNoDetail', 'unknown');
  }
}

/**
 * A decision that met a 409, once the stage has been read again (core/approvals.ts `closedStage`):
 * who decided first, or that the 24 hours ran out.
 */
export function closedStageSentence(closed: ClosedStage): Sentence {
  if (closed.kind === 'expired') return sentence('graphErrorApprovalExpired');
  const by = closed.by ? clean(closed.by) : '';
  if (closed.result === 'approved')
    return by ? sentence('graphErrorApprovalApprovedBy', by) : sentence('graphErrorApprovalApproved');
  return by ? sentence('graphErrorApprovalDeniedBy', by) : sentence('graphErrorApprovalDenied');
}

/**
 * Not an error: a deactivation as owner that stays `PendingProvisioning` because the user is the
 * group's last active owner (docs/graph-pim-groups.md §5, Microsoft's PIM documentation).
 */
export function lastOwnerSentence(groupName: string): Sentence {
  return sentence('graphErrorLastOwner', clean(groupName));
}
