import { MIN_ACTIVATION_MINUTES } from './duration.ts';
import type { MessageKey } from './message-key.ts';
import type { ActivationRequirements } from './policy.ts';

/** The inputs of an activation, in the order the form shows them (the first with a problem gets focus). */
export const ACTIVATION_FIELDS = ['justification', 'ticketNumber', 'ticketSystem', 'durationMinutes', 'start'] as const;
export type ActivationField = (typeof ACTIVATION_FIELDS)[number];

export type ActivationProblem =
  | 'justificationMissing'
  | 'ticketNumberMissing'
  | 'ticketSystemMissing'
  | 'durationTooShort'
  | 'durationTooLong'
  | 'startInPast'
  | 'startInvalid';
export type ActivationProblems = Partial<Record<ActivationField, ActivationProblem>>;

/** What an activation asks, whether typed in the form or sent by a preset. */
export interface ActivationInput {
  justification: string;
  durationMinutes: number;
  ticketNumber?: string | undefined;
  ticketSystem?: string | undefined;
  /** Absent: start now. `NaN`: typed, but not a time. */
  startMs?: number | undefined;
}

/** The sentence for each problem when it is found after the click (a preset, a stale form), not in a field. */
export const ACTIVATION_PROBLEM_TEXT: Record<ActivationProblem, MessageKey> = {
  justificationMissing: 'activationJustificationMissing',
  ticketNumberMissing: 'activationTicketMissing',
  ticketSystemMissing: 'activationTicketMissing',
  durationTooLong: 'activationDurationTooLong',
  durationTooShort: 'activationDurationTooShort',
  startInPast: 'activationStartInPast',
  startInvalid: 'formStartInvalid',
};

/** A custom start may lag "now" by this much (the time it took to click) before it counts as past. */
const START_SLACK_MS = 60_000;

/**
 * What is wrong with an activation against the group's policy, before anything is sent: the same
 * checks PIM makes, so the user gets a specific sentence instead of a policy error. One rule for
 * the popup's form (local clock) and the background's last check (Graph's clock): `nowMs` is on
 * the clock `startMs` is on.
 */
export function activationProblems(
  input: ActivationInput,
  requirements: ActivationRequirements,
  nowMs: number,
): ActivationProblems {
  const problems: ActivationProblems = {};
  if (requirements.justification && !input.justification.trim()) problems.justification = 'justificationMissing';
  if (requirements.ticket && !input.ticketNumber?.trim()) problems.ticketNumber = 'ticketNumberMissing';
  if (requirements.ticket && !input.ticketSystem?.trim()) problems.ticketSystem = 'ticketSystemMissing';
  if (!(input.durationMinutes >= MIN_ACTIVATION_MINUTES)) problems.durationMinutes = 'durationTooShort';
  else if (input.durationMinutes > requirements.maximumMinutes) problems.durationMinutes = 'durationTooLong';
  if (input.startMs !== undefined) {
    if (Number.isNaN(input.startMs)) problems.start = 'startInvalid';
    else if (input.startMs < nowMs - START_SLACK_MS) problems.start = 'startInPast';
  }
  return problems;
}

/** The first problem in the form's order, if any. */
export const firstProblem = (problems: ActivationProblems): ActivationProblem | undefined =>
  ACTIVATION_FIELDS.map((field) => problems[field]).find((problem) => problem !== undefined);

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
