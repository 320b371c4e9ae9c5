import { MIN_ACTIVATION_MINUTES } from './duration.ts';
import type { MessageKey } from './message-key.ts';
import type { ActivationRequest } from './pim-state.ts';
import type { ActivationRequirements } from './policy.ts';

export type ActivationProblem =
  | 'justificationMissing'
  | 'ticketMissing'
  | 'durationTooLong'
  | 'durationTooShort'
  | 'startInPast';

/** The `_locales` key that explains each problem. */
export const ACTIVATION_PROBLEM_TEXT: Record<ActivationProblem, MessageKey> = {
  justificationMissing: 'activationJustificationMissing',
  ticketMissing: 'activationTicketMissing',
  durationTooLong: 'activationDurationTooLong',
  durationTooShort: 'activationDurationTooShort',
  startInPast: 'activationStartInPast',
};

/** A custom start may lag "now" by this much (the time it took to click) before it counts as past. */
const START_SLACK_MS = 60_000;

/**
 * What is wrong with a request against the group's policy, before anything is sent: the same checks
 * PIM makes, so the user gets a specific sentence instead of a policy error.
 */
export function activationProblems(
  request: ActivationRequest,
  requirements: ActivationRequirements,
  nowMs: number,
): ActivationProblem[] {
  const problems: ActivationProblem[] = [];
  if (requirements.justification && !request.justification.trim()) problems.push('justificationMissing');
  if (requirements.ticket && (!request.ticketNumber?.trim() || !request.ticketSystem?.trim()))
    problems.push('ticketMissing');
  if (request.durationMinutes > requirements.maximumMinutes) problems.push('durationTooLong');
  if (!(request.durationMinutes >= MIN_ACTIVATION_MINUTES)) problems.push('durationTooShort');
  if (request.startMs !== undefined && request.startMs < nowMs - START_SLACK_MS) problems.push('startInPast');
  return problems;
}

/**
 * The eligibility's end is a limit: an activation never asks to outlast it. Whole minutes, rounded
 * down, so Graph grants exactly what was asked and what the user is told afterwards is true.
 */
export function cappedDuration(durationMinutes: number, startMs: number, eligibleUntilMs: number | null): number {
  if (eligibleUntilMs === null) return durationMinutes;
  return Math.max(0, Math.min(durationMinutes, Math.floor((eligibleUntilMs - startMs) / 60_000)));
}

/**
 * The signed-in user's object id in the tenant being called, which PIM wants as `principalId`:
 * MSAL's localAccountId (the id token's `oid`). For a B2B guest it differs from the home account id
 * ("<home oid>.<home tid>"), which PIM rejects. An account stored before `objectId` was kept falls
 * back to the home oid (the same for members of the tenant) until a renewal fills it in.
 */
export function principalIdOf(account: { id: string; objectId?: string | undefined }): string {
  return account.objectId || (account.id.split('.')[0] ?? account.id);
}
