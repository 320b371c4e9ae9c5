// Activation length rules. No ISO 8601 parsing here (see iso-duration.ts): the popup needs these
// at first paint and should not carry the parser.

/** PIM accepts activations from 5 minutes; the policy maximum is the upper bound. */
export const MIN_ACTIVATION_MINUTES = 5;

/** The duration to offer: the user's last choice for the group if it fits, else the policy maximum. */
export function defaultDuration(maximumMinutes: number, lastChoiceMinutes?: number): number {
  if (lastChoiceMinutes === undefined || !Number.isFinite(lastChoiceMinutes)) return maximumMinutes;
  return Math.min(Math.max(lastChoiceMinutes, MIN_ACTIVATION_MINUTES), maximumMinutes);
}
