import type { ActivationRequirements } from '../core/policy.ts';

/** A group's activation policy for tests: 8 hours at most, nothing else required, unless the patch says so. */
export const requirements = (patch: Partial<ActivationRequirements> = {}): ActivationRequirements => ({
  maximumMinutes: 480,
  justification: false,
  ticket: false,
  mfa: false,
  approval: false,
  ...patch,
});
