import { activeAccount } from '../auth/accounts.ts';
import { SCOPES } from '../auth/scopes.ts';
import {
  ACTIVATION_PROBLEM_TEXT,
  activationProblems,
  cappedDuration,
  firstProblem,
  principalIdOf,
} from '../core/activation.ts';
import { authContextClaims, MFA_CLAIMS } from '../core/claims.ts';
import { MIN_ACTIVATION_MINUTES } from '../core/duration.ts';
import { formatMinutes } from '../core/format/duration.ts';
import { formatMoment } from '../core/format/time.ts';
import { minutesToDuration } from '../core/iso-duration.ts';
import { type ActivationOutcome, type ActivationRequest, itemKey } from '../core/pim-state.ts';
import type { ActivationRequirements } from '../core/policy.ts';
import { AppError } from '../core/result.ts';
import { changeAfterActivation } from '../core/row-change.ts';
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
import { listReadEnded, refresh } from './refresh.ts';
import { getRequirements } from './requirements.ts';
import { confirmedServerNow, serverNow } from './server-time.ts';
import { singleFlight } from './single-flight.ts';
import { itemName, itemNameFallback, listedItem, patchItem } from './snapshot-store.ts';

/** Claims to ask for before the first attempt, so a policy with MFA or an auth context costs one prompt, not an error. */
function upFrontClaims(requirements: ActivationRequirements): string | undefined {
  if (requirements.authContext) return authContextClaims(requirements.authContext);
  return requirements.mfa ? MFA_CLAIMS : undefined;
}

/** What Graph granted: the start it answered with (it may differ from the one sent) and the length asked for, already capped. */
interface Granted {
  outcome: ActivationOutcome;
  startMs: number;
  durationMinutes: number;
}

function grantedBy(request: ScheduleRequest, sentStartMs: number, durationMinutes: number, nowMs: number): Granted {
  // Nothing starts before Graph received it: Microsoft's own example answers with the start it
  // used, which is the request's creation for a start asked for earlier than that.
  // (Seconds apart are only the rendering of the two times, which the watcher tolerates.)
  const echoed = request.scheduleInfo?.startDateTime ?? sentStartMs;
  const created = request.createdDateTime ?? echoed;
  const startMs = echoed < created - 60_000 ? created : echoed;
  const endMs = startMs + durationMinutes * 60_000;
  const granted = (outcome: ActivationOutcome) => ({ outcome, startMs, durationMinutes });
  if (request.status === 'pendingapproval') return granted({ status: 'pendingApproval', requestId: request.id });
  // Graph's status says it; only an answer without a known one is judged by its start.
  const scheduled = request.status === 'granted' || (request.status !== 'provisioned' && startMs > nowMs + 60_000);
  if (scheduled) return granted({ status: 'scheduled', requestId: request.id, startMs, endMs });
  return granted({ status: 'active', endMs });
}

/**
 * After a failure whose outcome is unknown (5xx, dropped connection, unreadable answer), the POST
 * may have gone through: look for the request before saying anything, never send it again.
 */
async function reconcile(
  groupId: string,
  accessId: string,
  sentAtMs: number,
  deps: ActivationDeps,
): Promise<ScheduleRequest | undefined> {
  const mine = await deps.requestsFor(groupId);
  return mine.find(
    (r) => r.accessId === accessId && r.action === 'selfactivate' && (r.createdDateTime ?? 0) >= sentAtMs - 120_000,
  );
}

async function send(
  asked: ActivationRequest,
  requirements: ActivationRequirements,
  eligibleUntilMs: number | null,
  deps: ActivationDeps,
): Promise<Granted> {
  const account = await activeAccount();
  if (!account) throw new AppError('auth-required', t('authSignInRequired'));
  // "Now" is Graph's now: the docs define startDateTime as when the assignment becomes active
  // (https://learn.microsoft.com/graph/api/resources/requestschedule) and every example of
  // https://learn.microsoft.com/graph/api/privilegedaccessgroup-post-assignmentschedulerequests sends
  // one; neither says that leaving it out means "now". So it is sent, from Graph's clock, confirmed
  // by a fresh read if the local clock may have jumped since Graph last told us the time.
  const now =
    asked.startMs === undefined
      ? await confirmedServerNow(async () =>
          // Unreadable now: the POST will say why; the clock as last heard is the best left.
          deps.requestsFor(asked.groupId).catch(() => undefined),
        )
      : await serverNow();
  const startMs = asked.startMs !== undefined && asked.startMs > now ? asked.startMs : now;
  const request = { ...asked, durationMinutes: cappedDuration(asked.durationMinutes, startMs, eligibleUntilMs) };
  if (eligibleUntilMs !== null && request.durationMinutes < MIN_ACTIVATION_MINUTES)
    throw new AppError(
      'eligibilityEnding',
      t('activationEligibilityEnding', formatMoment(eligibleUntilMs, now, { locale: uiLanguage() })),
    );
  const first = firstProblem(activationProblems(request, requirements, now));
  if (first)
    throw new AppError(
      first,
      t(ACTIVATION_PROBLEM_TEXT[first], formatMinutes(requirements.maximumMinutes, uiLanguage())),
    );

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
    const created = await deps.post(body, options);
    // Graph's clock after its answer (whose Date header it has just read).
    return grantedBy(created, startMs, request.durationMinutes, await serverNow());
  } catch (error) {
    const kind = describeFailure(error, { operation: 'activate', groupName: '', accessId: request.accessId }).kind;
    if (kind === 'alreadyActive') return { outcome: { status: 'alreadyActive' }, startMs, durationMinutes: 0 };
    if (kind === 'transient') {
      const found = await reconcile(request.groupId, request.accessId, now, deps).catch(() => undefined);
      if (found) return grantedBy(found, startMs, request.durationMinutes, await serverNow());
    }
    // The policy may have changed since it was cached: read it again for the next attempt.
    if (kind === 'policy')
      await getRequirements(request.groupId, request.accessId, { fresh: true }).catch(() => undefined);
    throw error;
  }
}

async function run(request: ActivationRequest, deps: ActivationDeps): Promise<ActivationOutcome> {
  const key = itemKey(request.groupId, request.accessId);
  const requestedAtMs = Date.now();
  await startOperation(key, 'activate');
  let requirements: ActivationRequirements | undefined;
  // One read of the cached list before the POST (at 1,000 groups each read costs): its name for
  // the note and the history, its eligibility's end for the cap.
  // Right after a sign-in the list may still be on its way: then it is waited for, so that what
  // the user is told names the group (this costs nothing once the list is cached).
  const listed = (await listedItem(key)) ?? (await deps.listReadEnded().then(() => listedItem(key)));
  const name = listed?.groupName ?? itemNameFallback(key);
  // Written before the POST, so the outcome reaches the history even if this worker stops first.
  const noteId = await Promise.all([activeAccount(), serverNow()]).then(
    ([account, sentAtMs]) => noteRequest(request, name, requestedAtMs, { accountId: account?.id ?? '', sentAtMs }),
    () => undefined,
  );
  let accepted: ActivationOutcome | undefined;
  try {
    requirements = await getRequirements(request.groupId, request.accessId);
    const granted = await send(request, requirements, listed?.eligibleUntilMs ?? null, deps);
    const { outcome } = granted;
    accepted = outcome;
    // The list, the badge and the watcher take Graph's start: the watcher knows this activation
    // again when the refresh brings Graph's own record of it (see core/watch.ts).
    const nowMs = await serverNow();
    await patchItem(key, () => changeAfterActivation(outcome, request, granted.startMs, nowMs));
    await rememberActivation(key, request);
    // The history says what Graph granted: its start, and the length after the eligibility's cap.
    const recorded =
      outcome.status === 'alreadyActive'
        ? request
        : { ...request, startMs: granted.startMs, durationMinutes: granted.durationMinutes };
    await recordActivation(recorded, name, requestedAtMs, { outcome }, noteId);
    await finishOperation(key);
    void deps.refresh({ force: true });
    return outcome;
  } catch (error) {
    if (accepted) return keepAccepted({ key, request, requestedAtMs, outcome: accepted, noteId }, error, deps);
    const failure = describeFailure(error, {
      operation: 'activate',
      groupName: name,
      accessId: request.accessId,
      requestedMinutes: request.durationMinutes,
      ...(requirements ? { maximumMinutes: requirements.maximumMinutes } : {}),
    });
    await failOperation(key, 'activate', failure.code, failure.message);
    await recordActivation(request, name, requestedAtMs, { error: failure.message }, noteId);
    throw new AppError(failure.code, failure.message);
  }
}

/**
 * Graph accepted, then a local write failed (storage full, say): the user is told what Graph did,
 * never "activation failed"; the write problem is logged. The history entry has the note's id, so
 * recording it again replaces rather than duplicates it.
 */
async function keepAccepted(
  accepted: {
    key: string;
    request: ActivationRequest;
    requestedAtMs: number;
    outcome: ActivationOutcome;
    noteId: string | undefined;
  },
  error: unknown,
  deps: ActivationDeps,
): Promise<ActivationOutcome> {
  const { key, request, requestedAtMs, outcome, noteId } = accepted;
  log.warn('activate', 'Graph accepted the activation, but a local write failed', error);
  const groupName = await itemName(key).catch(() => request.groupId);
  await recordActivation(request, groupName, requestedAtMs, { outcome }, noteId);
  await finishOperation(key).catch((e: unknown) => log.warn('activate', 'could not end the progress indicator', e));
  void deps.refresh({ force: true });
  return outcome;
}

/** What an activation needs besides storage: Graph's answers, and the list read again after it. */
export interface ActivationDeps {
  post(body: ScheduleRequestBody, options: GraphCallOptions): Promise<ScheduleRequest>;
  /** The user's requests for the group (to read Graph's clock, and to find a POST whose answer was lost). */
  requestsFor(groupId: string): Promise<ScheduleRequest[]>;
  refresh(options: { force: true }): Promise<unknown>;
  /** Resolves once the list read under way, if any, has ended. */
  listReadEnded(): Promise<void>;
}

/** The worker's: Graph through its client (tokens from the auth host). */
const workerDeps: ActivationDeps = {
  post: async (body, options) => postScheduleRequest(await graphClient(), body, options),
  requestsFor: async (groupId) =>
    readMyRequestsForGroup(await graphClient(), groupId, new GraphCallOptions(SCOPES.read, false)),
  refresh,
  listReadEnded,
};

/** `activate` with other dependencies (tests); each has its own single flight. */
export function activationWith(deps: ActivationDeps): (request: ActivationRequest) => Promise<ActivationOutcome> {
  return singleFlight(
    (request: ActivationRequest) => itemKey(request.groupId, request.accessId),
    (request) => run(request, deps),
  );
}

/** Activates one item. A second call for the same item while the first runs gets the same result: one POST. */
export const activate = activationWith(workerDeps);
