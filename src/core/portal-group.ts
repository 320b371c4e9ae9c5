// One group's page in PIM, for the activation form's "Open in the Entra admin center" (its own
// module so that only the form's lazy chunk carries it; see portal.ts for the hosts and sources).
import { type Cloud, isGuid } from './connection.ts';
import { BLADES, PORTAL_HOSTS, portalLinks } from './portal.ts';

/**
 * This group's own PIM page ("My actions": activate, extend, deactivate) for a group id that is a
 * GUID; anything else (nothing Graph sends, but ids come from storage) gets My roles › Groups.
 */
export function groupPortalUrl(cloud: Cloud, groupId: string, groupName: string): string {
  if (!isGuid(groupId)) return portalLinks(cloud).myGroups;
  const id = encodeURIComponent(groupId);
  return (
    `${PORTAL_HOSTS[cloud]}${BLADES}/ResourceMenuBlade/~/MyActions/resourceId/${id}` +
    `/resourceType/Security/provider/aadgroup/resourceDisplayName/${encodeURIComponent(groupName)}` +
    `/resourceExternalId/${id}`
  );
}
