// @vitest-environment happy-dom
// The admin center one click away (issue 19): the header menu and each group's activation options.
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listenForMessages } from '../../platform/messages.ts';
import { someHandlers } from '../../test-support/fake-browser-setup.ts';
import { cache, cleanup, configure, item, type Mounted, mount } from '../test/popup-harness.tsx';

const GROUP = '1f4a7c2e-3b5d-4e6f-8a9b-0c1d2e3f4a01';
const links = (root: ParentNode) =>
  Array.from(root.querySelectorAll('a')).map((a) => [
    a.getAttribute('aria-label') ?? a.textContent,
    a.getAttribute('href'),
    a.getAttribute('target'),
    a.getAttribute('rel'),
  ]);
const menu = (m: Mounted) => m.root.querySelector<HTMLElement>('details.popup__menu');

beforeEach(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await configure();
  await cache([item('SG-Prod-SQL-Admins', { groupId: GROUP })]);
  listenForMessages(someHandlers({ refresh: () => undefined }));
});
afterEach(cleanup);

describe('admin center links', () => {
  it('the header menu links to My roles › Groups and PIM in the Entra admin center, in new tabs', async () => {
    const m = await mount();
    await vi.waitFor(() => expect(menu(m)).not.toBeNull());
    expect(menu(m)?.querySelector('summary')?.getAttribute('aria-label')).toBe('Entra admin center');
    expect(links(menu(m) as HTMLElement)).toEqual([
      [
        'My roles › Groups',
        'https://entra.microsoft.com/#view/Microsoft_Azure_PIMCommon/ActivationMenuBlade/~/aadgroup',
        '_blank',
        'noopener noreferrer',
      ],
      [
        'Privileged Identity Management (My requests and more)',
        'https://entra.microsoft.com/#view/Microsoft_Azure_PIMCommon/CommonMenuBlade/~/quickStart',
        '_blank',
        'noopener noreferrer',
      ],
    ]);
  });

  it("links to the signed-in cloud's portal", async () => {
    await fakeBrowser.storage.managed.set({ cloud: 'usgov' });
    const m = await mount();
    await vi.waitFor(() =>
      expect(links(menu(m) as HTMLElement).map(([, href]) => href)).toEqual([
        'https://portal.azure.us/#view/Microsoft_Azure_PIMCommon/ActivationMenuBlade/~/aadgroup',
        'https://portal.azure.us/#view/Microsoft_Azure_PIMCommon/CommonMenuBlade/~/quickStart',
      ]),
    );
  });

  it("a group's options open its own PIM page", async () => {
    const m = await mount();
    const row = m.row('SG-Prod-SQL-Admins');
    await m.click(m.button(row, 'Activation options for SG-Prod-SQL-Admins as member'));
    await vi.waitFor(() => expect(row.querySelector('form a')).not.toBeNull());
    expect(links(row.querySelector('form') as HTMLElement)).toEqual([
      [
        'Open SG-Prod-SQL-Admins as member in the Entra admin center',
        `https://entra.microsoft.com/#view/Microsoft_Azure_PIMCommon/ResourceMenuBlade/~/MyActions/resourceId/${GROUP}` +
          `/resourceType/Security/provider/aadgroup/resourceDisplayName/SG-Prod-SQL-Admins/resourceExternalId/${GROUP}`,
        '_blank',
        'noopener noreferrer',
      ],
    ]);
    expect(row.querySelector('form a')?.textContent).toBe('Open in the Entra admin center');
  });
});
