import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import messages from '../../public/_locales/en/messages.json';
import {
  classifyGraphFailure,
  closedStageSentence,
  explainGraphFailure,
  type GraphFailure,
  type GraphFailureClass,
  type GraphFailureContext,
  graphMessageExcerpt,
  lastOwnerSentence,
} from './graph-errors.ts';

const group = 'Finance admins';
const activate: GraphFailureContext = { operation: 'activate', groupName: group, accessId: 'owner', locale: 'en' };
const deactivate: GraphFailureContext = { ...activate, operation: 'deactivate' };
const http = (status: number, code: string, message = ''): GraphFailure => ({ status, code, message });

// The texts the emulator (test/emulator/graph/errors.ts) and the real Graph return.
const policy = (...rules: string[]) =>
  http(
    400,
    'RoleAssignmentRequestPolicyValidationFailed',
    `The following policy rules failed: [${rules.map((r) => `"${r}"`).join(',')}]`,
  );
const ACRS =
  "The Role assignment request ACRS validation failed: authentication context 'c1' is required. &claims=%7B%22access_token%22%3A%7B%22acrs%22%3A%7B%22essential%22%3Atrue%2C%22value%22%3A%22c1%22%7D%7D%7D";
const TOO_SHORT = 'The Active duration is too short. Miniumum Required is 5 minutes.';
const SCOPE =
  'Authorization failed due to missing permission scope PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup.';

describe('policy rules', () => {
  it('ExpirationRule names the maximum as owner or member, in hours and minutes', () => {
    expect(explainGraphFailure(policy('ExpirationRule'), { ...activate, maximumMinutes: 240 })).toEqual({
      key: 'graphErrorExpirationRuleOwner',
      substitutions: [group, '4 hours'],
    });
    expect(
      explainGraphFailure(policy('ExpirationRule'), { ...activate, accessId: 'member', maximumMinutes: 90 }),
    ).toEqual({ key: 'graphErrorExpirationRuleMember', substitutions: [group, '1 hour, 30 minutes'] });
  });

  it('ExpirationRule formats the maximum in the given locale', () => {
    expect(
      explainGraphFailure(policy('ExpirationRule'), { ...activate, maximumMinutes: 240, locale: 'de' }).substitutions,
    ).toEqual([group, '4 Stunden']);
  });

  it('ExpirationRule says so without a number when the maximum is unknown or evidently stale', () => {
    const expected = { key: 'graphErrorExpirationRuleNoMaximum', substitutions: [group] };
    expect(explainGraphFailure(policy('ExpirationRule'), activate)).toEqual(expected);
    expect(explainGraphFailure(policy('ExpirationRule'), { ...activate, maximumMinutes: 0 })).toEqual(expected);
    expect(
      explainGraphFailure(policy('ExpirationRule'), { ...activate, maximumMinutes: 240, requestedMinutes: 120 }),
    ).toEqual(expected);
    expect(
      explainGraphFailure(policy('ExpirationRule'), { ...activate, maximumMinutes: 240, requestedMinutes: 480 }).key,
    ).toBe('graphErrorExpirationRuleOwner');
  });

  it.each([
    ['JustificationRule', 'graphErrorJustificationRule'],
    ['TicketingRule', 'graphErrorTicketingRule'],
    ['MfaRule', 'graphErrorMfaRule'],
  ])('%s → %s', (rule, key) => {
    expect(explainGraphFailure(policy(rule), activate)).toEqual({ key, substitutions: [group] });
  });

  it('lists several failed rules in one sentence, whatever order PIM names them in', () => {
    expect(explainGraphFailure(policy('JustificationRule', 'TicketingRule'), activate)).toEqual({
      key: 'graphErrorPolicyReasonTicket',
      substitutions: [group],
    });
    expect(explainGraphFailure(policy('MfaRule', 'ExpirationRule', 'JustificationRule'), activate).key).toBe(
      'graphErrorPolicyDurationReasonMfa',
    );
    expect(
      explainGraphFailure(policy('ExpirationRule', 'JustificationRule', 'TicketingRule', 'MfaRule'), activate).key,
    ).toBe('graphErrorPolicyDurationReasonTicketMfa');
  });

  it('has a sentence for every combination of the four rules', () => {
    const rules = ['ExpirationRule', 'JustificationRule', 'TicketingRule', 'MfaRule'];
    for (let mask = 1; mask < 16; mask++) {
      const chosen = rules.filter((_, i) => mask & (1 << i));
      const { key } = explainGraphFailure(policy(...chosen), { ...activate, maximumMinutes: 60 });
      expect(key in messages, `${chosen.join('+')} → ${key}`).toBe(true);
    }
  });

  it('names rules it does not know, and falls back when PIM names none', () => {
    expect(explainGraphFailure(policy('ApprovalRule', 'MfaRule'), activate)).toEqual({
      key: 'graphErrorPolicyOther',
      substitutions: [group, 'ApprovalRule and MfaRule'],
    });
    expect(
      explainGraphFailure(http(400, 'RoleAssignmentRequestPolicyValidationFailed', 'Policy failed.'), activate),
    ).toEqual({
      key: 'graphErrorUnknown',
      substitutions: ['Policy failed.', 'RoleAssignmentRequestPolicyValidationFailed'],
    });
  });

  it('finds rule names outside the list form too', () => {
    expect(
      explainGraphFailure(
        http(400, 'RoleAssignmentRequestPolicyValidationFailed', 'Rule TicketingRule was not satisfied.'),
        activate,
      ).key,
    ).toBe('graphErrorTicketingRule');
  });
});

describe('PIM request errors', () => {
  it('RoleAssignmentRequestAcrsValidationFailed asks for the extra verification', () => {
    expect(explainGraphFailure(http(400, 'RoleAssignmentRequestAcrsValidationFailed', ACRS), activate)).toEqual({
      key: 'graphErrorAcrs',
      substitutions: [group],
    });
  });

  it('RoleAssignmentExists: already active, as owner or member', () => {
    const f = http(400, 'RoleAssignmentExists', 'The Role assignment already exists.');
    expect(explainGraphFailure(f, activate)).toEqual({ key: 'graphErrorAlreadyActiveOwner', substitutions: [group] });
    expect(explainGraphFailure(f, { ...activate, accessId: 'member' }).key).toBe('graphErrorAlreadyActiveMember');
  });

  it('RoleAssignmentDoesNotExist: nothing to deactivate, or not eligible for this access', () => {
    const f = http(400, 'RoleAssignmentDoesNotExist', 'The Role assignment does not exist.');
    expect(explainGraphFailure(f, deactivate)).toEqual({
      key: 'graphErrorNothingToDeactivate',
      substitutions: [group],
    });
    expect(explainGraphFailure(f, activate)).toEqual({ key: 'graphErrorNotEligibleOwner', substitutions: [group] });
    expect(explainGraphFailure(f, { ...activate, accessId: 'member' }).key).toBe('graphErrorNotEligibleMember');
    expect(explainGraphFailure(f, { ...activate, operation: 'refresh' }).key).toBe('graphErrorNotFound');
  });

  describe('ActiveDurationTooShort (the 5-minute rule)', () => {
    const f = http(400, 'ActiveDurationTooShort', TOO_SHORT);
    const activatedAt = Date.UTC(2026, 10, 30, 14, 30, 20);
    const zone = { locale: 'en-GB', timeZone: 'UTC' };

    it('says when to try again, rounded up to the minute', () => {
      expect(explainGraphFailure(f, { ...deactivate, ...zone, activatedAt, now: activatedAt + 60_000 })).toEqual({
        key: 'graphErrorTooShortAt',
        substitutions: ['5 minutes', '14:36'],
      });
      expect(
        explainGraphFailure(f, { ...deactivate, ...zone, activatedAt: Date.UTC(2026, 10, 30, 14, 30) }).substitutions,
      ).toEqual(['5 minutes', '14:35']);
    });

    it('names tomorrow’s time with its weekday', () => {
      const lateMonday = Date.UTC(2026, 10, 30, 23, 58, 10);
      expect(
        explainGraphFailure(f, { ...deactivate, ...zone, activatedAt: lateMonday, now: lateMonday + 30_000 }),
      ).toEqual({ key: 'graphErrorTooShortAt', substitutions: ['5 minutes', 'Tue 00:04'] });
    });

    it('without a time when the activation time is unknown or the time has passed', () => {
      const expected = { key: 'graphErrorTooShort', substitutions: ['5 minutes'] };
      expect(explainGraphFailure(f, deactivate)).toEqual(expected);
      expect(explainGraphFailure(f, { ...deactivate, activatedAt, now: activatedAt + 10 * 60_000 })).toEqual(expected);
    });

    it('takes the minimum from the message, defaulting to 5 minutes', () => {
      const ten = http(
        400,
        'ActiveDurationTooShort',
        'The Active duration is too short. Miniumum Required is 10 minutes.',
      );
      expect(explainGraphFailure(ten, deactivate).substitutions).toEqual(['10 minutes']);
      expect(explainGraphFailure(http(400, 'ActiveDurationTooShort', ''), deactivate).substitutions).toEqual([
        '5 minutes',
      ]);
    });
  });

  it('PendingRoleAssignmentRequest: waiting for approval, or another change in progress', () => {
    const f = http(
      400,
      'PendingRoleAssignmentRequest',
      'There is already an existing pending Role assignment request.',
    );
    expect(explainGraphFailure(f, activate)).toEqual({ key: 'graphErrorPendingApproval', substitutions: [group] });
    expect(explainGraphFailure(f, deactivate)).toEqual({ key: 'graphErrorPendingChange', substitutions: [group] });
    expect(explainGraphFailure(http(400, 'RoleAssignmentRequestExists'), activate).key).toBe(
      'graphErrorPendingApproval',
    );
  });

  describe('InvalidRoleAssignmentRequest', () => {
    it('a permanent assignment', () => {
      const f = http(
        400,
        'InvalidRoleAssignmentRequest',
        'The role assignment request is invalid. A permanent assignment cannot be deactivated.',
      );
      expect(explainGraphFailure(f, deactivate)).toEqual({ key: 'graphErrorPermanent', substitutions: [group] });
    });

    it('a request that can no longer be canceled', () => {
      const f = http(
        400,
        'InvalidRoleAssignmentRequest',
        "The role assignment request is invalid. A request in status 'Provisioned' cannot be canceled.",
      );
      expect(explainGraphFailure(f, { ...activate, operation: 'cancel' })).toEqual({
        key: 'graphErrorCannotCancel',
        substitutions: ['Provisioned'],
      });
    });

    it('no PIM policy for the group (graph/pim.ts): the group may be gone', () => {
      expect(
        explainGraphFailure(http(404, 'RoleManagementPolicyNotFound', 'No member policy assignment exists.'), activate),
      ).toEqual({ key: 'graphErrorNoPolicy', substitutions: [group] });
    });

    it('a group that no longer exists (deleted while its eligibility is listed)', () => {
      for (const message of [
        "The role assignment request is invalid. Group 'x' was not found.",
        'The role assignment request is invalid. The group does not exist.',
      ]) {
        expect(explainGraphFailure(http(400, 'InvalidRoleAssignmentRequest', message), activate)).toEqual({
          key: 'graphErrorGroupGone',
          substitutions: [group],
        });
      }
    });

    it("generic: Graph's detail after the generic first sentence, else that sentence", () => {
      expect(
        explainGraphFailure(
          http(400, 'InvalidRoleAssignmentRequest', 'The role assignment request is invalid. The schedule overlaps.'),
          activate,
        ),
      ).toEqual({ key: 'graphErrorInvalidRequest', substitutions: [group, 'The schedule overlaps.'] });
      expect(
        explainGraphFailure(
          http(400, 'InvalidRoleAssignmentRequest', 'The role assignment request is invalid.'),
          activate,
        ),
      ).toEqual({ key: 'graphErrorInvalidRequest', substitutions: [group, 'The role assignment request is invalid.'] });
    });
  });
});

describe('HTTP errors', () => {
  it('PermissionScopeNotGranted names the missing scope', () => {
    expect(explainGraphFailure(http(403, 'PermissionScopeNotGranted', SCOPE), activate)).toEqual({
      key: 'graphErrorMissingScope',
      substitutions: ['PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup'],
    });
    expect(
      explainGraphFailure(
        http(403, 'Forbidden', 'Missing scope permissions on the request. API requires one of User.Read.All.'),
        activate,
      ).substitutions,
    ).toEqual(['User.Read.All']);
  });

  it('403 without a scope: admin consent, or who may approve and cancel', () => {
    const consent = { key: 'graphErrorForbidden', substitutions: [] };
    expect(explainGraphFailure(http(403, 'PermissionScopeNotGranted', 'Insufficient privileges.'), activate)).toEqual(
      consent,
    );
    expect(explainGraphFailure(http(403, 'Forbidden', 'Forbidden'), activate)).toEqual(consent);
    expect(
      explainGraphFailure(
        http(403, 'AuthorizationFailed', 'The caller does not have permission to perform the action.'),
        activate,
      ),
    ).toEqual(consent);
    expect(
      explainGraphFailure(http(403, 'AuthorizationFailed', 'The caller is not an approver of this approval stage.'), {
        ...activate,
        operation: 'approve',
      }),
    ).toEqual({ key: 'graphErrorNotApprover', substitutions: [] });
    expect(
      explainGraphFailure(http(403, 'AuthorizationFailed', 'Only the creator of a request can cancel it.'), {
        ...activate,
        operation: 'cancel',
      }),
    ).toEqual({ key: 'graphErrorNotRequester', substitutions: [] });
  });

  it('401 InvalidAuthenticationToken: sign in again', () => {
    expect(
      explainGraphFailure(
        http(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.'),
        activate,
      ),
    ).toEqual({ key: 'graphErrorSignInAgain', substitutions: [] });
  });

  it('404 ResourceNotFound: the request is gone when canceling or approving', () => {
    const f = http(404, 'ResourceNotFound', "The request 'abc' was not found.");
    expect(explainGraphFailure(f, { ...activate, operation: 'cancel' })).toEqual({
      key: 'graphErrorRequestGone',
      substitutions: [],
    });
    expect(explainGraphFailure(f, { ...activate, operation: 'approve' }).key).toBe('graphErrorRequestGone');
    expect(explainGraphFailure(f, { ...activate, operation: 'refresh' })).toEqual({
      key: 'graphErrorNotFound',
      substitutions: [group],
    });
  });

  it('409 Conflict: already decided when approving', () => {
    const f = http(409, 'Conflict', 'The approval stage has already been completed.');
    expect(explainGraphFailure(f, { ...activate, operation: 'approve' })).toEqual({
      key: 'graphErrorAlreadyDecided',
      substitutions: [],
    });
    expect(explainGraphFailure(f, activate)).toEqual({ key: 'graphErrorConflict', substitutions: [group] });
  });

  it('400 naming the justification when approving: the policy wants the approver’s reason', () => {
    const f = http(400, 'BadRequest', "The property 'justification' is required to review this approval stage.");
    expect(explainGraphFailure(f, { ...activate, operation: 'approve' })).toEqual({
      key: 'graphErrorApproverJustificationRequired',
      substitutions: [],
    });
    expect(explainGraphFailure(f, activate).key).not.toBe('graphErrorApproverJustificationRequired');
  });

  it('a closed stage: who decided first (named or not), or expired', () => {
    expect(closedStageSentence({ kind: 'decided', result: 'approved', by: 'Megan Bowen' })).toEqual({
      key: 'graphErrorApprovalApprovedBy',
      substitutions: ['Megan Bowen'],
    });
    expect(closedStageSentence({ kind: 'decided', result: 'denied', by: 'Megan <b>' })).toEqual({
      key: 'graphErrorApprovalDeniedBy',
      substitutions: ['Megan'],
    });
    expect(closedStageSentence({ kind: 'decided', result: 'approved', by: null })).toEqual({
      key: 'graphErrorApprovalApproved',
      substitutions: [],
    });
    expect(closedStageSentence({ kind: 'decided', result: 'denied', by: '' })).toEqual({
      key: 'graphErrorApprovalDenied',
      substitutions: [],
    });
    expect(closedStageSentence({ kind: 'expired' })).toEqual({ key: 'graphErrorApprovalExpired', substitutions: [] });
  });

  it('424 FailedDependency', () => {
    expect(
      explainGraphFailure(http(424, 'FailedDependency', 'The request depends on a request that failed.'), activate),
    ).toEqual({ key: 'graphErrorFailedDependency', substitutions: [group] });
    expect(explainGraphFailure(http(424, ''), activate).key).toBe('graphErrorFailedDependency');
  });

  it('429: trying again after Retry-After', () => {
    expect(
      explainGraphFailure({ ...http(429, 'TooManyRequests', 'Too many requests.'), retryAfterSeconds: 30 }, activate),
    ).toEqual({ key: 'graphErrorThrottledRetry', substitutions: ['30 seconds'] });
    expect(explainGraphFailure({ ...http(429, ''), retryAfterSeconds: 150 }, activate).substitutions).toEqual([
      '3 minutes',
    ]);
    expect(explainGraphFailure(http(429, 'TooManyRequests'), activate)).toEqual({
      key: 'graphErrorThrottled',
      substitutions: [],
    });
    expect(explainGraphFailure({ ...http(429, ''), retryAfterSeconds: -1 }, activate).key).toBe('graphErrorThrottled');
  });

  it.each([500, 502, 503, 504])('%s: Graph had a problem; writes are checked', (status) => {
    const f = http(status, 'UnknownError', '');
    expect(explainGraphFailure(f, activate)).toEqual({
      key: 'graphErrorServerWrite',
      substitutions: [group, String(status)],
    });
    expect(explainGraphFailure(f, { ...activate, operation: 'refresh' })).toEqual({
      key: 'graphErrorServerRead',
      substitutions: [String(status)],
    });
  });

  it("anything else: Graph's first sentence and its code", () => {
    expect(
      explainGraphFailure(
        http(400, 'BadRequest', "Invalid filter clause: 'x'. Only 'eq' and 'ne' joined by 'and' are supported."),
        activate,
      ),
    ).toEqual({ key: 'graphErrorUnknown', substitutions: ["Invalid filter clause: 'x'.", 'BadRequest'] });
    expect(explainGraphFailure(http(418, '', ''), activate)).toEqual({
      key: 'graphErrorUnknownNoDetail',
      substitutions: ['HTTP 418'],
    });
  });

  it('cleans the fallback: no HTML, no control characters, no claims, at most ~200 characters', () => {
    const { substitutions } = explainGraphFailure(
      http(400, 'Weird\u0000Code', '<b>Bad</b>\u0007 thing\u202e happened &claims=%7B%7D\nTrace: 1'),
      activate,
    );
    expect(substitutions).toEqual(['Bad thing happened', 'Weird Code']);
    const long = explainGraphFailure(http(400, 'X', 'a'.repeat(5000)), activate).substitutions[0] ?? '';
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith('…')).toBe(true);
  });

  it('redacts tokens that Graph echoes back', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl';
    expect(explainGraphFailure(http(400, 'X', `Token ${jwt} is bad.`), activate).substitutions[0]).not.toContain('eyJ');
  });

  it('compares codes case-insensitively', () => {
    expect(explainGraphFailure(http(400, 'roleassignmentexists'), activate).key).toBe('graphErrorAlreadyActiveOwner');
    expect(explainGraphFailure(http(400, 'ROLEASSIGNMENTDOESNOTEXIST'), deactivate).key).toBe(
      'graphErrorNothingToDeactivate',
    );
    expect(explainGraphFailure(policy('mfarule'), activate).key).toBe('graphErrorMfaRule');
    expect(classifyGraphFailure(http(400, ' pendingRoleAssignmentRequest '))).toBe('pending');
  });
});

describe('transport failures', () => {
  it('network', () => {
    expect(explainGraphFailure({ kind: 'network' }, activate)).toEqual({ key: 'graphErrorNetwork', substitutions: [] });
  });

  it('timeout: writes are checked, reads retried', () => {
    expect(explainGraphFailure({ kind: 'timeout' }, activate)).toEqual({
      key: 'graphErrorTimeoutWrite',
      substitutions: [group],
    });
    expect(explainGraphFailure({ kind: 'timeout' }, { ...activate, operation: 'refresh' })).toEqual({
      key: 'graphErrorTimeoutRead',
      substitutions: [],
    });
  });

  it('malformed response', () => {
    expect(explainGraphFailure({ kind: 'malformed' }, activate)).toEqual({
      key: 'graphErrorMalformed',
      substitutions: [],
    });
  });
});

describe('last owner', () => {
  it("quotes Microsoft's rule", () => {
    expect(lastOwnerSentence(group)).toEqual({ key: 'graphErrorLastOwner', substitutions: [group] });
    expect(lastOwnerSentence('<img src=x>Team\u202e')).toEqual({ key: 'graphErrorLastOwner', substitutions: ['Team'] });
  });
});

describe('classifyGraphFailure', () => {
  it.each<[GraphFailure, GraphFailureClass]>([
    [http(400, 'RoleAssignmentExists'), 'alreadyActive'],
    [http(400, 'PendingRoleAssignmentRequest'), 'pending'],
    [http(400, 'RoleAssignmentRequestExists'), 'pending'],
    [policy('ExpirationRule'), 'policy'],
    [policy('JustificationRule', 'MfaRule'), 'policy'],
    [http(400, 'ActiveDurationTooShort', TOO_SHORT), 'policy'],
    [policy('MfaRule'), 'stepUp'],
    [http(400, 'RoleAssignmentRequestAcrsValidationFailed', ACRS), 'stepUp'],
    [{ ...http(429, 'TooManyRequests'), retryAfterSeconds: 30 }, 'throttled'],
    [http(429, ''), 'throttled'],
    [http(500, 'InternalServerError'), 'transient'],
    [http(502, ''), 'transient'],
    [http(503, 'ServiceUnavailable'), 'transient'],
    [http(504, 'GatewayTimeout'), 'transient'],
    [http(424, 'FailedDependency'), 'transient'],
    [{ kind: 'network' }, 'transient'],
    [{ kind: 'timeout' }, 'transient'],
    [{ kind: 'malformed' }, 'transient'],
    [http(401, 'InvalidAuthenticationToken'), 'auth'],
    [http(401, ''), 'auth'],
    [http(403, 'PermissionScopeNotGranted', SCOPE), 'permission'],
    [http(403, 'AuthorizationFailed'), 'permission'],
    [http(403, 'Forbidden'), 'permission'],
    [http(404, 'ResourceNotFound'), 'notFound'],
    [http(404, 'Request_ResourceNotFound'), 'notFound'],
    [http(400, 'RoleAssignmentDoesNotExist'), 'notFound'],
    [http(409, 'Conflict'), 'conflict'],
    [http(400, 'InvalidRoleAssignmentRequest'), 'invalid'],
    [http(400, 'BadRequest'), 'invalid'],
    [http(405, 'Request_BadRequest'), 'invalid'],
    [http(302, 'Found'), 'unknown'],
    [http(0, ''), 'unknown'],
  ])('%j → %s', (failure, cls) => {
    expect(classifyGraphFailure(failure)).toBe(cls);
  });

  it('lets 429 and 5xx win over the code', () => {
    expect(classifyGraphFailure(http(503, 'BadRequest'))).toBe('transient');
    expect(classifyGraphFailure(http(429, 'Forbidden'))).toBe('throttled');
  });

  it('ignores inherited property names as codes', () => {
    expect(classifyGraphFailure(http(400, 'constructor'))).toBe('invalid');
    expect(classifyGraphFailure(http(400, '__proto__'))).toBe('invalid');
  });
});

describe('graphMessageExcerpt', () => {
  it('keeps the first sentence', () => {
    expect(graphMessageExcerpt('First one. Second one.')).toBe('First one.');
    expect(graphMessageExcerpt('No full stop')).toBe('No full stop');
    expect(graphMessageExcerpt('Version 1.2 is old. Next.')).toBe('Version 1.2 is old.');
  });
});

describe('every key', () => {
  const contexts: GraphFailureContext[] = (['activate', 'deactivate', 'cancel', 'refresh', 'approve'] as const).flatMap(
    (operation) =>
      (['owner', 'member'] as const).flatMap((accessId) => [
        { operation, accessId, groupName: group },
        {
          operation,
          accessId,
          groupName: group,
          maximumMinutes: 60,
          activatedAt: Date.UTC(2030, 0, 1),
          now: Date.UTC(2030, 0, 1),
        },
      ]),
  );
  const failures: GraphFailure[] = [
    ...['ExpirationRule', 'JustificationRule', 'TicketingRule', 'MfaRule', 'Other'].map((r) => policy(r)),
    policy('JustificationRule', 'MfaRule'),
    http(400, 'RoleAssignmentRequestPolicyValidationFailed', 'x'),
    http(400, 'RoleAssignmentRequestAcrsValidationFailed', ACRS),
    http(400, 'RoleAssignmentExists'),
    http(400, 'RoleAssignmentDoesNotExist'),
    http(400, 'ActiveDurationTooShort', TOO_SHORT),
    http(400, 'PendingRoleAssignmentRequest'),
    http(400, 'InvalidRoleAssignmentRequest', 'A permanent assignment cannot be deactivated.'),
    http(400, 'InvalidRoleAssignmentRequest', "A request in status 'Granted' cannot be canceled."),
    http(400, 'InvalidRoleAssignmentRequest', 'The role assignment request is invalid.'),
    http(400, 'InvalidRoleAssignmentRequest', "The role assignment request is invalid. Group 'x' was not found."),
    http(403, 'PermissionScopeNotGranted', SCOPE),
    http(404, 'RoleManagementPolicyNotFound', 'No member policy assignment exists for this group.'),
    http(403, 'AuthorizationFailed', 'No.'),
    http(401, 'InvalidAuthenticationToken'),
    http(404, 'ResourceNotFound'),
    http(409, 'Conflict'),
    http(424, 'FailedDependency'),
    { ...http(429, 'TooManyRequests'), retryAfterSeconds: 5 },
    http(429, 'TooManyRequests'),
    http(503, 'ServiceUnavailable'),
    http(400, 'BadRequest', 'Bad.'),
    http(400, '', ''),
    { kind: 'network' },
    { kind: 'timeout' },
    { kind: 'malformed' },
  ];

  it('exists in messages.json with matching placeholders', () => {
    const used = new Map<string, number>();
    for (const failure of failures) {
      for (const context of contexts) {
        const { key, substitutions } = explainGraphFailure(failure, context);
        used.set(key, substitutions.length);
      }
    }
    used.set('graphErrorLastOwner', 1);
    for (const closed of [
      { kind: 'expired' },
      { kind: 'decided', result: 'approved', by: 'M' },
      { kind: 'decided', result: 'approved', by: null },
      { kind: 'decided', result: 'denied', by: 'M' },
      { kind: 'decided', result: 'denied', by: null },
    ] as const) {
      const { key, substitutions } = closedStageSentence(closed);
      used.set(key, substitutions.length);
    }
    const catalogue = messages as Record<string, { message: string; placeholders?: Record<string, unknown> }>;
    for (const [key, count] of used) {
      expect(catalogue[key], key).toBeDefined();
      expect(Object.keys(catalogue[key]?.placeholders ?? {}).length, key).toBe(count);
    }
    // Every graphError key in the catalogue is reachable, so none is left for translators in vain.
    const defined = Object.keys(catalogue).filter((k) => k.startsWith('graphError'));
    const combos = defined.filter((k) => k.startsWith('graphErrorPolicy') && k !== 'graphErrorPolicyOther');
    expect(defined.filter((k) => !used.has(k) && !combos.includes(k))).toEqual([]);
  });

  it('every placeholder is used in its message', () => {
    const catalogue = messages as Record<string, { message: string; placeholders?: Record<string, unknown> }>;
    for (const [key, entry] of Object.entries(catalogue).filter(([k]) => k.startsWith('graphError'))) {
      for (const name of Object.keys(entry.placeholders ?? {})) {
        expect(entry.message, key).toContain(`$${name.toUpperCase()}$`);
      }
    }
  });
});

describe('property: any Graph error', { timeout: 60_000 }, () => {
  const nasty = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.constantFrom(
      '<script>alert(1)</script>',
      '\u202eevil\u202c',
      '\u200f\u061c\u2066x\u2069',
      '\u0000\u001b[31m\u007f',
      'RoleAssignmentRequestPolicyValidationFailed',
      'The following policy rules failed: ["ExpirationRule","<b>"]',
      "A request in status '<img>' cannot be canceled.",
      'missing permission scope <x>.Read',
    ),
    fc.string({ minLength: 10_000, maxLength: 30_000 }),
    fc
      .array(fc.constantFrom('<', '>', '\u202e', '\n', 'a', '.', ' ', '&claims='), { maxLength: 500 })
      .map((a) => a.join('')),
  );
  const failure = fc.record({
    status: fc.oneof(fc.integer(), fc.constantFrom(400, 401, 403, 404, 409, 424, 429, 500, 503), fc.double()),
    code: fc.oneof(
      nasty,
      fc.constantFrom(
        'RoleAssignmentRequestPolicyValidationFailed',
        'InvalidRoleAssignmentRequest',
        'PermissionScopeNotGranted',
        'AuthorizationFailed',
        'ActiveDurationTooShort',
        'BadRequest',
      ),
    ),
    message: nasty,
    retryAfterSeconds: fc.option(fc.double(), { nil: undefined }),
  });
  const context = fc.record({
    operation: fc.constantFrom('activate', 'deactivate', 'cancel', 'refresh', 'approve'),
    groupName: nasty,
    accessId: fc.constantFrom('member', 'owner'),
    maximumMinutes: fc.option(fc.double(), { nil: undefined }),
    requestedMinutes: fc.option(fc.double(), { nil: undefined }),
    activatedAt: fc.option(fc.double(), { nil: undefined }),
    locale: fc.option(fc.constantFrom('en', 'de', 'ar', 'he', 'ja', 'not a locale'), { nil: undefined }),
  }) as fc.Arbitrary<GraphFailureContext>;

  it('returns a catalogued sentence with short, markup-free substitutions and never throws', () => {
    fc.assert(
      fc.property(failure, context, (f, c) => {
        const { key, substitutions } = explainGraphFailure(f as GraphFailure, c);
        expect(key in messages).toBe(true);
        for (const s of substitutions) {
          expect(typeof s).toBe('string');
          expect(s.length).toBeLessThanOrEqual(200);
          expect(s).not.toMatch(/[<>\p{Cc}\u202a-\u202e\u2066-\u2069]/u);
        }
        classifyGraphFailure(f as GraphFailure);
      }),
      { numRuns: 500 },
    );
  });
});
