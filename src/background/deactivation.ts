import { activeAccount } from '../auth/accounts.ts';
import { SCOPES } from '../auth/scopes.ts';
import { principalIdOf } from '../core/activation.ts';
import { lastOwnerSentence } from '../core/graph-errors.ts';
import { type AccessId, itemKey } from '../core/pim-state.ts';
import { AppError } from '../core/result.ts';
import { changeAfterEnd } from '../core/row-change.ts';
import { GraphCallOptions } from '../graph/call-options.ts';
import {
  cancelScheduleRequest,
  postScheduleRequest,
  readMyRequestsForGroup,
  readScheduleRequest,
  type ScheduleRequestBody,
} from '../graph/pim.ts';
import type { ScheduleRequest } from '../graph/schemas.ts';
import { t } from '../platform/i18n.ts';
import { snapshotItem } from '../platform/pim-items.ts';
import { describeFailure } from './failures.ts';
import { graphClient } from './graph.ts';
import { noteChange, settleChange } from './history.ts';
import { failOperation, finishOperation, startOperation } from './operations.ts';
import { cancelReactivation } from './reactivation.ts';
import { refresh } from './refresh.ts';
import { serverNow } from './server-time.ts';
import { singleFlight } from './single-flight.ts';
import { itemName, patchItem } from './snapshot-store.ts';

const write = () => new GraphCallOptions(SCOPES.write, true);

interface Target {
  groupId: string;
  accessId: AccessId;
}

/** Runs an operation on an item with progress and a sentence on failure, then refreshes. */
async function tracked(
  kind: 'deactivate' | 'cancel',
  target: Target & { requestId?: string },
  work: () => Promise<void>,
  deps: DeactivationDeps,
): Promise<undefined> {
  const key = itemKey(target.groupId, target.accessId);
  await startOperation(key, kind);
  // Noted before the request goes out, so its outcome reaches the history even if this worker stops first.
  const noteId = await Promise.all([activeAccount(), serverNow()]).then(
    ([account, sentAtMs]) =>
      noteChange({
        kind,
        groupId: target.groupId,
        accessId: target.accessId,
        ...(target.requestId ? { requestId: target.requestId } : {}),
        accountId: account?.id ?? '',
        sentAtMs,
      }),
    () => undefined,
  );
  try {
    await work();
    await settleChange(noteId, target, kind === 'cancel' ? 'cancelled' : 'deactivated');
    await finishOperation(key);
  } catch (error) {
    await settleChange(noteId, target, undefined);
    const item = (await snapshotItem.get())?.items.find((i) => i.key === key);
    const failure = describeFailure(error, {
      operation: kind,
      groupName: await itemName(key),
      accessId: target.accessId,
      now: await serverNow(),
      // For the 5-minute rule: "try again at 14:35".
      ...(item?.active ? { activatedAt: item.active.startMs } : {}),
    });
    await failOperation(key, kind, failure.code, failure.message);
    throw new AppError(failure.code, failure.message);
  } finally {
    void deps.refresh({ force: true });
  }
  return undefined;
}

const read = () => new GraphCallOptions(SCOPES.read, false);

/** Failures after which the request may have been carried out: the answer was lost, or a repeat found it done. */
const AMBIGUOUS = new Set(['transient', 'notFound', 'invalid']);

/**
 * After a failure whose outcome is unknown (5xx, dropped connection, unreadable answer, or the
 * browser's own repeat of the POST being refused because the first one worked), the deactivation
 * may have gone through: look for it before saying anything, never send it again.
 */
async function findDeactivation(
  target: Target,
  sentAtMs: number,
  deps: DeactivationDeps,
): Promise<ScheduleRequest | undefined> {
  const mine = await deps.requestsFor(target.groupId);
  return mine.find(
    (r) =>
      r.accessId === target.accessId &&
      r.action === 'selfdeactivate' &&
      r.status !== 'failed' &&
      (r.createdDateTime ?? 0) >= sentAtMs - 120_000,
  );
}

async function sendDeactivation(target: Target, principalId: string, deps: DeactivationDeps): Promise<ScheduleRequest> {
  const sentAtMs = await serverNow();
  try {
    return await deps.post(
      { accessId: target.accessId, principalId, groupId: target.groupId, action: 'selfDeactivate' },
      write(),
    );
  } catch (error) {
    const kind = describeFailure(error, { operation: 'deactivate', groupName: '', accessId: target.accessId }).kind;
    if (kind && AMBIGUOUS.has(kind)) {
      const found = await findDeactivation(target, sentAtMs, deps).catch(() => undefined);
      if (found) return found;
    }
    throw error;
  }
}

async function runDeactivate(target: Target, deps: DeactivationDeps): Promise<undefined> {
  const key = itemKey(target.groupId, target.accessId);
  // Ending it is the user's word on it: a re-activation queued for its end must not undo that.
  await cancelReactivation({ key });
  return tracked(
    'deactivate',
    target,
    async () => {
      const account = await activeAccount();
      if (!account) throw new AppError('auth-required', t('authSignInRequired'));
      const request = await sendDeactivation(target, principalIdOf(account), deps);
      // Entra never removes a group's last active owner: PIM accepts the request and keeps retrying.
      if (target.accessId === 'owner' && request.status === 'pendingprovisioning') {
        const sentence = lastOwnerSentence(await itemName(key));
        throw new AppError('lastOwner', t(sentence.key, ...sentence.substitutions));
      }
      await patchItem(key, (item) => changeAfterEnd(item, 'deactivate'));
    },
    deps,
  );
}

async function runCancel(target: Target & { requestId: string }, deps: DeactivationDeps): Promise<undefined> {
  const key = itemKey(target.groupId, target.accessId);
  return tracked(
    'cancel',
    target,
    async () => {
      try {
        await deps.cancel(target.requestId, write());
      } catch (error) {
        // As for deactivation: an answer lost, or a repeat refused because the first cancel worked.
        const kind = describeFailure(error, { operation: 'cancel', groupName: '', accessId: target.accessId }).kind;
        const request =
          kind && AMBIGUOUS.has(kind) ? await deps.readRequest(target.requestId).catch(() => undefined) : undefined;
        if (request?.status !== 'canceled') throw error;
      }
      await patchItem(key, (item) => changeAfterEnd(item, 'cancel', target.requestId));
    },
    deps,
  );
}

/** What ending an item needs besides storage: Graph's answers, and the list read again after it. */
export interface DeactivationDeps {
  post(body: ScheduleRequestBody, options: GraphCallOptions): Promise<ScheduleRequest>;
  cancel(requestId: string, options: GraphCallOptions): Promise<void>;
  /** The user's requests for the group (to find a deactivation whose answer was lost). */
  requestsFor(groupId: string): Promise<ScheduleRequest[]>;
  readRequest(requestId: string): Promise<ScheduleRequest>;
  refresh(options: { force: true }): Promise<unknown>;
}

/** The worker's: Graph through its client. */
const workerDeps: DeactivationDeps = {
  post: async (body, options) => postScheduleRequest(await graphClient(), body, options),
  cancel: async (requestId, options) => cancelScheduleRequest(await graphClient(), requestId, options),
  requestsFor: async (groupId) => readMyRequestsForGroup(await graphClient(), groupId, read()),
  readRequest: async (requestId) => readScheduleRequest(await graphClient(), requestId, read()),
  refresh,
};

/** `deactivate` and `cancelRequest` with other dependencies (tests); each has its own single flights. */
export function deactivationWith(deps: DeactivationDeps) {
  return {
    deactivate: singleFlight(
      (t: Target) => `deactivate:${itemKey(t.groupId, t.accessId)}`,
      (t: Target) => runDeactivate(t, deps),
    ),
    cancelRequest: singleFlight(
      (t: Target & { requestId: string }) => `cancel:${t.requestId}`,
      (t: Target & { requestId: string }) => runCancel(t, deps),
    ),
  };
}

export const { deactivate, cancelRequest } = deactivationWith(workerDeps);
