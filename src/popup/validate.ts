import { type ActivationField, type ActivationProblems, activationProblems } from '../core/activation.ts';
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

export type FormField = ActivationField;

/** What is wrong with the values for this policy (the core rule); `localNowMs` is the local clock, as the typed start is. */
export function validate(values: FormValues, needs: ActivationRequirements, localNowMs: number): ActivationProblems {
  const typedStart = values.start.trim() ? (fromLocalInput(values.start) ?? Number.NaN) : undefined;
  return activationProblems({ ...values, startMs: typedStart }, needs, localNowMs);
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
