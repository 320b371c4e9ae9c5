import { activeAccount } from '../auth/accounts.ts';
import { SCOPES } from '../auth/scopes.ts';
import { ACTIVATION_PROBLEM_TEXT, activationProblems, principalIdOf } from '../core/activation.ts';
import { authContextClaims, MFA_CLAIMS } from '../core/claims.ts';
import { formatMinutes } from '../core/humanize-duration.ts';
import { minutesToDuration } from '../core/iso-duration.ts';
import { type ActivationOutcome, type ActivationRequest, itemKey } from '../core/pim-state.ts';
import type { ActivationRequirements } from '../core/policy.ts';
import { AppError } from '../core/result.ts';
import { GraphCallOptions } from '../graph/call-options.ts';
import { postScheduleRequest, readMyRequestsForGroup, type ScheduleRequestBody } from '../graph/pim.ts';
import type { ScheduleRequest } from '../graph/schemas.ts';
import { t } from '../platform/i18n.ts';
import { uiLanguage } from '../platform/locale.ts';
import { log } from '../platform/log.ts';
import { describeFailure } from './failures.ts';
import { graphClient } from './graph.ts';
import { noteRequest, recordActivation } from './history.ts';
import { rememberActivation } from './memory.ts';
import { failOperation, finishOperation, startOperation } from './operations.ts';
import { refresh } from './refresh.ts';
import { getRequirements } from './requirements.ts';
import { serverNow } from './server-time.ts';
import { singleFlight } from './single-flight.ts';
import { itemName, patchItem } from './snapshot-store.ts';

/** Claims to ask for before the first attempt, so a policy with MFA or an auth context costs one prompt, not an error. */
function upFrontClaims(requirements: ActivationRequirements): string | undefined {
  if (requirements.authContext) return authContextClaims(requirements.authContext);
  return requirements.mfa ? MFA_CLAIMS : undefined;
}

function outcomeOf(
  request: ScheduleRequest,
  startMs: number,
  durationMinutes: number,
  nowMs: number,
): ActivationOutcome {
  const endMs = startMs + durationMinutes * 60_000;
  if (request.status === 'pendingapproval') return { status: 'pendingApproval', requestId: request.id };
  if (startMs > nowMs + 60_000) return { status: 'scheduled', requestId: request.id, startMs, endMs };
  return { status: 'active', endMs };
}

/**
 * After a failure whose outcome is unknown (5xx, dropped connection, unreadable answer), the POST
 * may have gone through: look for the request before saying anything, never send it again.
 */
async function reconcile(groupId: string, accessId: string, sentAtMs: number): Promise<ScheduleRequest | undefined> {
  const mine = await readMyRequestsForGroup(await graphClient(), groupId, new GraphCallOptions(SCOPES.read, false));
  return mine.find(
    (r) => r.accessId === accessId && r.action === 'selfactivate' && (r.createdDateTime ?? 0) >= sentAtMs - 120_000,
  );
}

async function send(request: ActivationRequest, requirements: ActivationRequirements): Promise<ActivationOutcome> {
  const account = await activeAccount();
  if (!account) throw new AppError('auth-required', t('authSignInRequired'));
  const now = await serverNow();
  const problems = activationProblems(request, requirements, now);
  const first = problems[0];
  if (first)
    throw new AppError(
      first,
      t(ACTIVATION_PROBLEM_TEXT[first], formatMinutes(requirements.maximumMinutes, uiLanguage())),
    );

  const startMs = request.startMs !== undefined && request.startMs > now ? request.startMs : now;
  const body: ScheduleRequestBody = {
    accessId: request.accessId,
    principalId: principalIdOf(account),
    groupId: request.groupId,
    action: 'selfActivate',
    justification: request.justification.trim(),
    scheduleInfo: {
      startDateTime: new Date(startMs).toISOString(),
      expiration: { type: 'afterDuration', duration: minutesToDuration(request.durationMinutes) },
    },
    ...(request.ticketNumber && request.ticketSystem
      ? { ticketInfo: { ticketNumber: request.ticketNumber.trim(), ticketSystem: request.ticketSystem.trim() } }
      : {}),
  };
  const options = new GraphCallOptions(SCOPES.write, true, upFrontClaims(requirements));
  try {
    const created = await postScheduleRequest(await graphClient(), body, options);
    return outcomeOf(created, startMs, request.durationMinutes, now);
  } catch (error) {
    const kind = describeFailure(error, { operation: 'activate', groupName: '', accessId: request.accessId }).kind;
    if (kind === 'alreadyActive') return { status: 'alreadyActive' };
    if (kind === 'transient') {
      const found = await reconcile(request.groupId, request.accessId, now).catch(() => undefined);
      if (found) return outcomeOf(found, startMs, request.durationMinutes, now);
    }
    // The policy may have changed since it was cached: read it again for the next attempt.
    if (kind === 'policy')
      await getRequirements(request.groupId, request.accessId, { fresh: true }).catch(() => undefined);
    throw error;
  }
}

async function run(request: ActivationRequest): Promise<ActivationOutcome> {
  const key = itemKey(request.groupId, request.accessId);
  const requestedAtMs = Date.now();
  await startOperation(key, 'activate');
  let requirements: ActivationRequirements | undefined;
  // Written before the POST, so the outcome reaches the history even if this worker stops first.
  const noteId = await Promise.all([itemName(key), activeAccount(), serverNow()]).then(
    ([name, account, sentAtMs]) =>
      noteRequest(request, name, requestedAtMs, { accountId: account?.id ?? '', sentAtMs }),
    () => undefined,
  );
  let accepted: ActivationOutcome | undefined;
  try {
    requirements = await getRequirements(request.groupId, request.accessId);
    const outcome = await send(request, requirements);
    accepted = outcome;
    await patchItem(key, (item) => {
      if (outcome.status === 'active')
        item.active = { assignmentType: 'activated', startMs: Date.now(), endMs: outcome.endMs };
      if (outcome.status === 'pendingApproval') {
        item.pending = {
          requestId: outcome.requestId,
          createdMs: Date.now(),
          startMs: request.startMs ?? null,
          durationMinutes: request.durationMinutes,
        };
      }
      if (outcome.status === 'scheduled') {
        item.scheduled = { requestId: outcome.requestId, startMs: outcome.startMs, endMs: outcome.endMs };
      }
    });
    await rememberActivation(key, request);
    await recordActivation(request, await itemName(key), requestedAtMs, { outcome }, noteId);
    await finishOperation(key);
    void refresh({ force: true });
    return outcome;
  } catch (error) {
    if (accepted) return keepAccepted(key, request, requestedAtMs, accepted, noteId, error);
    const failure = describeFailure(error, {
      operation: 'activate',
      groupName: await itemName(key),
      accessId: request.accessId,
      requestedMinutes: request.durationMinutes,
      ...(requirements ? { maximumMinutes: requirements.maximumMinutes } : {}),
    });
    await failOperation(key, 'activate', failure.code, failure.message);
    await recordActivation(request, await itemName(key), requestedAtMs, { error: failure.message }, noteId);
    throw new AppError(failure.code, failure.message);
  }
}

/**
 * Graph accepted, then a local write failed (storage full, say): the user is told what Graph did,
 * never "activation failed"; the write problem is logged. The history entry has the note's id, so
 * recording it again replaces rather than duplicates it.
 */
async function keepAccepted(
  key: string,
  request: ActivationRequest,
  requestedAtMs: number,
  outcome: ActivationOutcome,
  noteId: string | undefined,
  error: unknown,
): Promise<ActivationOutcome> {
  log.warn('activate', 'Graph accepted the activation, but a local write failed', error);
  const groupName = await itemName(key).catch(() => request.groupId);
  await recordActivation(request, groupName, requestedAtMs, { outcome }, noteId);
  await finishOperation(key).catch((e: unknown) => log.warn('activate', 'could not end the progress indicator', e));
  void refresh({ force: true });
  return outcome;
}

/** Activates one item. A second call for the same item while the first runs gets the same result: one POST. */
export const activate = singleFlight((request: ActivationRequest) => itemKey(request.groupId, request.accessId), run);
