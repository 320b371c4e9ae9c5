// Ids checked where they enter the background, before they reach a Graph URL or `$filter`.
// Messages come only from the extension's own pages (channel.ts checks the sender), but those
// pages can be opened by others with a crafted query, and their stored state can be damaged: a
// group id is a GUID, an access is member or owner, a request id is a GUID, an activation's fields
// are of their kind, and nothing else goes on.
import { isGuid } from '../core/connection.ts';
import { type AccessId, type ActivationRequest, PIM_LIMITS } from '../core/pim-state.ts';
import { AppError } from '../core/result.ts';
import { t } from '../platform/i18n.ts';

const invalid = () => new AppError('invalid-request', t('errorInvalidRequest'));

const isAccess = (value: unknown): value is AccessId => value === 'member' || value === 'owner';

/** The group id, or a refusal: it goes into Graph `$filter`s. */
export function checkGroupId(groupId: unknown): string {
  if (typeof groupId !== 'string' || !isGuid(groupId)) throw invalid();
  return groupId;
}

/** The request with its group and access checked (activate, deactivate, getRequirements). */
export function checkItem<T extends { groupId: string; accessId: AccessId }>(request: T): T {
  if (typeof request !== 'object' || request === null || !isAccess(request.accessId)) throw invalid();
  checkGroupId(request.groupId);
  return request;
}

const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= PIM_LIMITS.justification;

/**
 * An activation as the popup sends it: a whole number of minutes, the reason as text (empty when
 * none), a ticket as text or absent, a start as a time or absent. The group's policy is checked after
 * this, with a sentence for each rule; this refuses what no page of ours sends (a reason that is not
 * text failed deep in the activation with "Cannot read properties of undefined").
 */
export function checkActivation<T extends ActivationRequest>(request: T): T {
  checkItem(request);
  const { durationMinutes, justification, ticketNumber, ticketSystem, startMs } = request;
  if (!Number.isSafeInteger(durationMinutes) || durationMinutes <= 0 || !isText(justification)) throw invalid();
  if ((ticketNumber !== undefined && !isText(ticketNumber)) || (ticketSystem !== undefined && !isText(ticketSystem)))
    throw invalid();
  if (startMs !== undefined && !Number.isFinite(startMs)) throw invalid();
  return request;
}

/** The same, and the request id (cancelRequest). */
export function checkRequest<T extends { groupId: string; accessId: AccessId; requestId: string }>(request: T): T {
  checkItem(request);
  if (typeof request.requestId !== 'string' || !isGuid(request.requestId)) throw invalid();
  return request;
}

/** The fields of the user's notification choices a page sent; anything else is refused. */
export function checkSettingsPatch<T extends object>(patch: T, fields: object): T {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw invalid();
  if (Object.keys(patch).some((field) => !Object.hasOwn(fields, field))) throw invalid();
  return patch;
}

/** An item key `<group GUID>:member|owner` (dismiss). */
export function checkKey<T extends { key: string }>(request: T): T {
  if (typeof request !== 'object' || request === null || typeof request.key !== 'string') throw invalid();
  const [groupId, accessId, ...rest] = request.key.split(':');
  if (rest.length > 0 || !isAccess(accessId)) throw invalid();
  checkGroupId(groupId);
  return request;
}

/** An approver's decision: a GUID approval id, Approve or Deny, and a reason of at most 500 characters. */
export function checkDecision<T extends { approvalId: string; decision: string; justification: string }>(
  request: T,
): T {
  if (typeof request !== 'object' || request === null) throw invalid();
  if (typeof request.approvalId !== 'string' || !isGuid(request.approvalId)) throw invalid();
  if (request.decision !== 'Approve' && request.decision !== 'Deny') throw invalid();
  if (typeof request.justification !== 'string' || request.justification.length > 500) throw invalid();
  return request;
}
