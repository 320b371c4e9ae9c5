import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control } from '../emulator/test-client.ts';
import { expectAccessible, SOON } from './a11y-kit.ts';
import { GROUPS } from './emulator-kit.ts';
import { type ExtensionSession, launchExtension } from './harness.ts';
import { openPopup } from './popup-kit.ts';
import { ADELE, ask, type Stack, startSignedIn } from './stack.ts';

// axe-core over the options page (and the popup's presets area) of the production build in each
// state, in the light and the dark theme: not set up, then signed in with the accounts,
// notifications and presets sections, the preset editor, a share code, an import review and an
// import that fails.
let bare: ExtensionSession;
let signedIn: { stack: Stack; page: Page };
beforeAll(async () => {
  [bare, signedIn] = await Promise.all([launchExtension(), startSignedIn()]);
});
afterAll(async () => {
  await Promise.all([bare?.close(), signedIn?.stack.close()]);
});

const NAME = 'Release night';

describe('before set-up (no policy)', { timeout: 120_000 }, () => {
  it('the popup asks to set up, the options page shows the connection form', async () => {
    const popup = await bare.openPopup();
    await expect.poll(() => popup.getByText('Set up sign-in first').isVisible(), { timeout: 20_000 }).toBe(true);
    await expectAccessible(popup, 'popup, not set up');

    const options = await bare.openOptions();
    await options.locator('#tenant').waitFor();
    await expectAccessible(options, 'options, not set up');
    // Saving nonsense shows the errors next to the fields.
    await options.locator('#tenant').fill('not a tenant');
    await options.locator('#client-id').fill('nope');
    await options.getByRole('button', { name: 'Save' }).click();
    await options.locator('.field__error').first().waitFor();
    await expectAccessible(options, 'options, connection errors');
    expect(bare.pageErrors).toEqual([]);
  });
});

describe('signed in', { timeout: 120_000 }, () => {
  it('connection (set by policy), account, notifications and an empty presets section', async () => {
    const { page } = signedIn;
    expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByText(/Signed in as Adele Vance/).isVisible(), SOON).toBe(true);
    await expect.poll(() => page.locator('#client-id').getAttribute('readonly'), SOON).not.toBeNull();
    await expectAccessible(page, 'options, signed in');
  });

  it('the preset editor, empty and with errors', async () => {
    const { page } = signedIn;
    await page.getByRole('button', { name: 'New preset' }).click();
    await page.getByLabel('Name', { exact: true }).waitFor();
    await expectAccessible(page, 'preset editor');
    await page.getByRole('button', { name: 'Save preset' }).click();
    await page.locator('.preset-editor .field__error').first().waitFor();
    await expectAccessible(page, 'preset editor with errors');
  });

  it('a saved preset with its share code', async () => {
    const { page } = signedIn;
    await page.getByLabel('Name', { exact: true }).fill(NAME);
    for (const group of [GROUPS.sqlAdmins, GROUPS.roleAdmins]) {
      await page.getByRole('checkbox', { name: `${group.name} (Member)` }).check();
    }
    await page.getByLabel('Duration in minutes').fill('60');
    await page.getByLabel('Justification', { exact: true }).fill('Release on {date}');
    await page.getByRole('button', { name: 'Save preset' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).count(), SOON).toBe(1);
    await page.getByRole('button', { name: 'Create share code' }).click();
    await page.locator('#preset-share-code').waitFor();
    await expectAccessible(page, 'presets with a share code');
  });

  it('the import review (a duplicate) and an unreadable code', async () => {
    const { page } = signedIn;
    const code = await page.locator('#preset-share-code').inputValue();
    await page.getByLabel('Paste a share code').fill(code);
    await page.getByRole('button', { name: 'Review share code' }).click();
    const review = page.getByRole('region', { name: 'Review the import' });
    await review.waitFor();
    await expectAccessible(page, 'import review');
    await review.getByRole('button', { name: 'Cancel' }).click();

    await page.getByLabel('Paste a share code').fill('PIMG1.not-a-code');
    await page.getByRole('button', { name: 'Review share code' }).click();
    await page.getByRole('alert').filter({ hasText: /./ }).first().waitFor();
    await expectAccessible(page, 'import problems');
  });

  it('the popup presets area, before and after applying', async () => {
    const popup = await openPopup(signedIn.stack);
    const apply = popup.getByRole('button', { name: `Apply ${NAME}` });
    await apply.waitFor();
    await expectAccessible(popup, 'popup presets area');
    await apply.click();
    const results = popup.getByRole('list', { name: `Results of ${NAME}` });
    await expect.poll(() => results.getByRole('listitem').count(), { timeout: 30_000 }).toBe(2);
    await expectAccessible(popup, 'popup preset results');
    expect(signedIn.stack.ext.pageErrors).toEqual([]);
  });

  it('the popup with no eligible groups', async () => {
    // The same tenant with nothing for Adele: her token stays valid, her list comes back empty.
    const demo = JSON.parse(await readFile(new URL('../emulator/scenarios/demo.json', import.meta.url), 'utf8'));
    const notAdele = (list: Array<{ principalId?: string }>) => list.filter((e) => e.principalId !== ADELE);
    const scenario = {
      ...demo,
      eligibilities: notAdele(demo.eligibilities),
      assignments: notAdele(demo.assignments),
      requests: notAdele(demo.requests),
    };
    await control(signedIn.stack.emu, '/reset', { scenario });
    expect((await ask(signedIn.page, 'refresh', { force: true })).ok).toBe(true);
    const popup = await signedIn.stack.ext.openPopup();
    await popup.getByText('No eligible groups').waitFor();
    await expectAccessible(popup, 'popup, no groups');
    expect(signedIn.stack.ext.pageErrors).toEqual([]);
  });
});
