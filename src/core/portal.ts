// The Entra admin center (we are its companion): the PIM pages the popup links to, for the cloud
// the user signed in to. Deep-link forms and their sources are listed in src/popup/README.md
// ("The admin center one click away"); Microsoft documents none of them, so each is the form the
// portal itself puts in the address bar.
import type { Cloud } from './connection.ts';

/**
 * Where the PIM blades open in each cloud. Global: the Entra admin center. The national clouds:
 * their Azure portals, the hosts Microsoft documents per cloud (Entra identity platform, "National
 * clouds"); the same Microsoft_Azure_PIMCommon blades run there.
 */
export const PORTAL_HOSTS: Readonly<Record<Cloud, string>> = {
  global: 'https://entra.microsoft.com',
  usgov: 'https://portal.azure.us',
  china: 'https://portal.azure.cn',
};

export const BLADES = '/#view/Microsoft_Azure_PIMCommon';

/**
 * Privileged Identity Management → My roles → Groups in the Entra admin center: there the user
 * can activate with the MFA prompt the portal runs itself.
 */
export const PIM_MY_GROUPS_URL = `${PORTAL_HOSTS.global}${BLADES}/ActivationMenuBlade/~/aadgroup`;

export interface PortalLinks {
  /** My roles › Groups. */
  myGroups: string;
  /** PIM's start page: its menu holds My requests, for which no deep-link form could be found. */
  pim: string;
}

export function portalLinks(cloud: Cloud): PortalLinks {
  const host = PORTAL_HOSTS[cloud];
  return {
    myGroups: `${host}${BLADES}/ActivationMenuBlade/~/aadgroup`,
    pim: `${host}${BLADES}/CommonMenuBlade/~/quickStart`,
  };
}

/** The failure code of an activation that PIM refused for lack of MFA after every fallback. */
export const MFA_UNMET = 'mfa-unmet';
