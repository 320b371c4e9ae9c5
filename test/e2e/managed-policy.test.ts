import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchExtension } from './harness.ts';
import { applyManagedPolicy } from './policy.ts';

const tenant = '7f3c2a10-4b6e-4d8a-9c1f-2e5d8b9a0c11';
const clientId = '3b8e6f2a-91c4-4a57-b0d2-6c1e9f4a7d35';

let ext: ExtensionSession;
beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(async () => {
  await ext?.close();
});

describe('organisation policy', () => {
  it('configures the extension and locks those settings on the options page', async () => {
    await applyManagedPolicy(ext, { tenant, clientId, cloud: 'global', notAPolicy: 'dropped' });
    const options = await ext.openOptions();
    const clientIdInput = options.locator('#client-id');
    // Chromium delivers the first managed read a few seconds after launch.
    await expect.poll(() => clientIdInput.inputValue(), { timeout: 20_000 }).toBe(clientId);
    expect(await clientIdInput.getAttribute('readonly')).not.toBeNull();
    expect(await options.locator('#tenant').inputValue()).toBe(tenant);
    expect(await options.locator('#cloud').isDisabled()).toBe(true);
    expect(await options.locator('#client-id-locked').textContent()).toBe("Set by your organisation's policy.");
    expect(await options.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);

    const popup = await ext.openPopup();
    // Configured by policy: the popup now asks to sign in rather than to set up.
    await expect.poll(() => popup.getByText('Sign in to see your groups').isVisible()).toBe(true);
    expect(ext.pageErrors).toEqual([]);
  });

  it('lets the user fill in what the policy leaves open', async () => {
    await applyManagedPolicy(ext, { clientId });
    const options = await ext.openOptions();
    await expect.poll(() => options.locator('#client-id').inputValue(), { timeout: 20_000 }).toBe(clientId);
    await expect.poll(() => options.locator('#tenant').getAttribute('readonly')).toBeNull();
    await options.locator('#tenant').fill('contoso.onmicrosoft.com');
    await options.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => options.getByRole('status').first().textContent()).toBe('Saved.');
    const stored = await options.evaluate(
      async () => (await chrome.storage.local.get('settings:connection'))['settings:connection'],
    );
    expect(stored).toEqual({ tenant: 'contoso.onmicrosoft.com', clientId: '', cloud: 'global' });
  });
});
