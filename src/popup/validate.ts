import { MIN_ACTIVATION_MINUTES } from '../core/duration.ts';
import { fromLocalInput } from '../core/form-values.ts';
import type { ActivationRequest, GroupItem } from '../core/pim-state.ts';
import type { ActivationRequirements } from '../core/policy.ts';

/** The activation form's fields as typed. */
export interface FormValues {
  justification: string;
  durationMinutes: number;
  /** datetime-local value; empty = now. */
  start: string;
  ticketNumber: string;
  ticketSystem: string;
}

export type FormField = keyof FormValues;
export type FormProblem =
  | 'justificationMissing'
  | 'ticketNumberMissing'
  | 'ticketSystemMissing'
  | 'durationTooShort'
  | 'durationTooLong'
  | 'startPast'
  | 'startInvalid';
export type Problems = Partial<Record<FormField, FormProblem>>;

/** Fields in the order they appear, so the first invalid one gets focus. */
export const FIELD_ORDER: FormField[] = ['justification', 'ticketNumber', 'ticketSystem', 'durationMinutes', 'start'];

const PAST_TOLERANCE_MS = 60_000;

/** What is wrong with the values for this policy; `localNowMs` is the local clock (as the typed start is). */
export function validate(values: FormValues, needs: ActivationRequirements, localNowMs: number): Problems {
  const problems: Problems = {};
  if (needs.justification && !values.justification.trim()) problems.justification = 'justificationMissing';
  if (needs.ticket && !values.ticketNumber.trim()) problems.ticketNumber = 'ticketNumberMissing';
  if (needs.ticket && !values.ticketSystem.trim()) problems.ticketSystem = 'ticketSystemMissing';
  if (!(values.durationMinutes >= MIN_ACTIVATION_MINUTES)) problems.durationMinutes = 'durationTooShort';
  else if (values.durationMinutes > needs.maximumMinutes) problems.durationMinutes = 'durationTooLong';
  if (values.start.trim()) {
    const start = fromLocalInput(values.start);
    if (start === undefined) problems.start = 'startInvalid';
    else if (start < localNowMs - PAST_TOLERANCE_MS) problems.start = 'startPast';
  }
  return problems;
}

/** The message for valid values; a custom start moves from the local clock to Graph's. */
export function toRequest(
  item: GroupItem,
  values: FormValues,
  needs: ActivationRequirements,
  clockOffsetMs: number,
): ActivationRequest {
  const start = values.start.trim() ? fromLocalInput(values.start) : undefined;
  return {
    groupId: item.groupId,
    accessId: item.accessId,
    durationMinutes: values.durationMinutes,
    justification: values.justification.trim(),
    ...(needs.ticket ? { ticketNumber: values.ticketNumber.trim(), ticketSystem: values.ticketSystem.trim() } : {}),
    ...(start === undefined ? {} : { startMs: start + clockOffsetMs }),
  };
}
