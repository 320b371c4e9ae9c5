/**
 * Shape checks of a POST assignmentScheduleRequests body (reference §1.1), in the order Graph
 * applies them: required properties and enum values first (OData deserialisation, `BadRequest`),
 * then who may act (403), then whether the group exists.
 */
import type { AccessTokenClaims, Scenario } from '../contract.ts';
import { parseDuration } from '../scenarios/time.ts';
import { badRequest, GraphError, PimMessages } from './errors.ts';
import { liveGroup } from './render.ts';
import type { AccessId, Expiration } from './state.ts';

export const ACTIONS = [
  'adminAssign',
  'adminUpdate',
  'adminRemove',
  'selfActivate',
  'selfDeactivate',
  'adminExtend',
  'adminRenew',
  'selfExtend',
  'selfRenew',
] as const;
const EXPIRATION_TYPES = ['notSpecified', 'noExpiration', 'afterDateTime', 'afterDuration'] as const;

export interface RequestBody {
  accessId: AccessId;
  action: (typeof ACTIONS)[number];
  groupId: string;
  principalId: string;
  justification: string | null;
  ticketNumber: string | null;
  ticketSystem: string | null;
  isValidationOnly: boolean;
  schedule: { start: number | null; startDateTime: string | null; expiration: Expiration } | null;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Case-insensitive enum match; doc examples send `SelfActivate` as often as `selfActivate`. */
function enumValue<T extends string>(raw: unknown, values: readonly T[], typeName: string, prop: string): T {
  const v = values.find((x) => typeof raw === 'string' && x.toLowerCase() === raw.toLowerCase());
  if (v === undefined) {
    throw badRequest(
      raw === undefined || raw === null
        ? `The property '${prop}' is required.`
        : `Cannot convert the literal '${String(raw)}' to the expected type '${typeName}'.`,
    );
  }
  return v;
}

function parseSchedule(raw: unknown): RequestBody['schedule'] {
  if (raw === undefined || raw === null) return null;
  if (!isObj(raw)) throw badRequest("The property 'scheduleInfo' must be an object.");
  if (raw.recurrence != null) throw new GraphError(400, 'InvalidRoleAssignmentRequest', PimMessages.invalid);
  const startDateTime = str(raw.startDateTime);
  const start = startDateTime === null ? null : Date.parse(startDateTime);
  if (start !== null && Number.isNaN(start)) {
    throw badRequest(`Cannot convert the literal '${startDateTime}' to the expected type 'Edm.DateTimeOffset'.`);
  }
  const e = isObj(raw.expiration) ? raw.expiration : {};
  const type =
    e.type == null
      ? 'notSpecified'
      : enumValue(e.type, EXPIRATION_TYPES, 'microsoft.graph.expirationPatternType', 'type');
  const expiration: Expiration = { type, endDateTime: str(e.endDateTime), duration: str(e.duration) };
  if (type === 'afterDuration' && (expiration.duration === null || !parseDuration(expiration.duration))) {
    throw badRequest(`Cannot convert the literal '${String(e.duration)}' to the expected type 'Edm.Duration'.`);
  }
  if (type === 'afterDateTime' && Number.isNaN(Date.parse(expiration.endDateTime ?? ''))) {
    throw badRequest(
      `Cannot convert the literal '${String(e.endDateTime)}' to the expected type 'Edm.DateTimeOffset'.`,
    );
  }
  return { start, startDateTime, expiration };
}

export function parseRequestBody(body: unknown, token: AccessTokenClaims, scenario: Scenario): RequestBody {
  if (!isObj(body)) throw badRequest('Empty Payload. JSON content expected.');
  for (const prop of ['groupId', 'principalId'] as const) {
    if (typeof body[prop] !== 'string' || body[prop] === '') throw badRequest(`The property '${prop}' is required.`);
  }
  const accessId = enumValue(
    body.accessId,
    ['member', 'owner'] as const,
    'microsoft.graph.privilegedAccessGroupRelationships',
    'accessId',
  );
  const action = enumValue(body.action, ACTIONS, 'microsoft.graph.scheduleRequestActions', 'action');
  const ticket = isObj(body.ticketInfo) ? body.ticketInfo : {};
  const parsed: RequestBody = {
    accessId,
    action,
    groupId: String(body.groupId),
    principalId: String(body.principalId),
    justification: str(body.justification),
    ticketNumber: str(ticket.ticketNumber),
    ticketSystem: str(ticket.ticketSystem),
    isValidationOnly: body.isValidationOnly === true,
    schedule: parseSchedule(body.scheduleInfo),
  };
  if (action.startsWith('admin')) {
    // The emulated users hold no directory role, so admin actions are refused as Graph refuses them.
    throw new GraphError(403, 'AuthorizationFailed', 'The caller does not have permission to perform the action.');
  }
  if (parsed.principalId.toLowerCase() !== token.oid.toLowerCase()) {
    throw new GraphError(403, 'AuthorizationFailed', 'The principal of a self action must be the signed-in user.');
  }
  const group = liveGroup(scenario, parsed.groupId);
  if (!group) {
    throw new GraphError(
      400,
      'InvalidRoleAssignmentRequest',
      `${PimMessages.invalid} Group '${parsed.groupId}' was not found.`,
    );
  }
  parsed.groupId = group.id;
  parsed.principalId = token.oid;
  if (action === 'selfExtend' || action === 'selfRenew') {
    throw new GraphError(
      400,
      'InvalidRoleAssignmentRequest',
      `${PimMessages.invalid} '${action}' is not supported by the emulator.`,
    );
  }
  if (action === 'selfActivate' && parsed.schedule === null) {
    throw new GraphError(400, 'InvalidRoleAssignmentRequest', `${PimMessages.invalid} 'scheduleInfo' is required.`);
  }
  return parsed;
}
