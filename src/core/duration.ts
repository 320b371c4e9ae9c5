// Activation length rules. No ISO 8601 parsing here (see iso-duration.ts): the popup needs these
// at first paint and should not carry the parser.

/** PIM accepts activations from 5 minutes; the policy maximum is the upper bound. */
export const MIN_ACTIVATION_MINUTES = 5;

/**
 * The duration to offer: the user's last choice for the group, else the organisation's default
 * (managed policy `defaultDurationMinutes`), else the policy maximum; never above that maximum.
 */
export function defaultDuration(
  maximumMinutes: number,
  lastChoiceMinutes?: number,
  orgDefaultMinutes?: number,
): number {
  const wanted = [lastChoiceMinutes, orgDefaultMinutes].find((m) => m !== undefined && Number.isFinite(m));
  if (wanted === undefined) return maximumMinutes;
  return Math.min(Math.max(wanted, MIN_ACTIVATION_MINUTES), maximumMinutes);
}
