import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLOUD_NAMES } from './connection.ts';
import { PIM_MY_GROUPS_URL, PORTAL_HOSTS, portalLinks } from './portal.ts';
import { groupPortalUrl } from './portal-group.ts';
import { parseHttpsUrl, safeHttpsUrl } from './safe-url.ts';

const GROUP = '1f4a7c2e-3b5d-4e6f-8a9b-0c1d2e3f4a01';
const MICROSOFT_HOSTS = ['entra.microsoft.com', 'portal.azure.us', 'portal.azure.cn'];

describe('portal links', () => {
  it('opens My roles › Groups and PIM in the Entra admin center for the global cloud', () => {
    expect(portalLinks('global')).toEqual({
      myGroups: 'https://entra.microsoft.com/#view/Microsoft_Azure_PIMCommon/ActivationMenuBlade/~/aadgroup',
      pim: 'https://entra.microsoft.com/#view/Microsoft_Azure_PIMCommon/CommonMenuBlade/~/quickStart',
    });
    expect(PIM_MY_GROUPS_URL).toBe(portalLinks('global').myGroups);
  });

  it("opens the national clouds' own portals", () => {
    expect(portalLinks('usgov').myGroups).toBe(
      'https://portal.azure.us/#view/Microsoft_Azure_PIMCommon/ActivationMenuBlade/~/aadgroup',
    );
    expect(portalLinks('china').pim).toBe(
      'https://portal.azure.cn/#view/Microsoft_Azure_PIMCommon/CommonMenuBlade/~/quickStart',
    );
  });

  it("opens a group's own PIM page, its name encoded", () => {
    expect(groupPortalUrl('global', GROUP, 'SG/Prod & SQL #1')).toBe(
      `https://entra.microsoft.com/#view/Microsoft_Azure_PIMCommon/ResourceMenuBlade/~/MyActions/resourceId/${GROUP}` +
        `/resourceType/Security/provider/aadgroup/resourceDisplayName/SG%2FProd%20%26%20SQL%20%231/resourceExternalId/${GROUP}`,
    );
  });

  it('falls back to My roles › Groups for an id that is not a GUID', () => {
    expect(groupPortalUrl('usgov', '../../evil', 'x')).toBe(portalLinks('usgov').myGroups);
    expect(groupPortalUrl('global', '', 'x')).toBe(portalLinks('global').myGroups);
  });

  it('only ever links to a Microsoft portal host, whatever the group id and name (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CLOUD_NAMES),
        fc.oneof(fc.uuid(), fc.string()),
        fc.string({ unit: 'grapheme' }),
        (cloud, id, name) => {
          for (const url of [groupPortalUrl(cloud, id, name), ...Object.values(portalLinks(cloud))]) {
            expect(safeHttpsUrl(url)).toBe(url);
            expect(parseHttpsUrl(url)?.host).toBe(new URL(PORTAL_HOSTS[cloud]).host);
            expect(MICROSOFT_HOSTS).toContain(parseHttpsUrl(url)?.host);
          }
        },
      ),
    );
  });
});
