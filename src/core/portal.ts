// The Entra admin center, as the last answer to an activation the extension cannot complete.

/**
 * Privileged Identity Management → My roles → Groups in the Entra admin center: there the user
 * can activate with the MFA prompt the portal runs itself. The portal has no documented link to
 * one group's activation; this opens the list the group is in.
 */
export const PIM_MY_GROUPS_URL =
  'https://entra.microsoft.com/#view/Microsoft_Azure_PIMCommon/ActivationMenuBlade/~/aadgroup';

/** The failure code of an activation that PIM refused for lack of MFA after every fallback. */
export const MFA_UNMET = 'mfa-unmet';
