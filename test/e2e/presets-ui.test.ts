import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUPS, requestsFor } from './emulator-kit.ts';
import { openPopup } from './popup-kit.ts';
import { ask, type Stack, startSignedIn } from './stack.ts';

// The presets UI of the production build: Adele makes a preset on the options page and shares it
// as a code; in a fresh profile (another browser, another emulator) she imports the code after
// reviewing it and applies the preset from the popup.

const NAME = 'E2E release night';
let first: { stack: Stack; page: Page };
let second: { stack: Stack; page: Page };

beforeAll(async () => {
  [first, second] = await Promise.all([startSignedIn(), startSignedIn()]);
});
afterAll(async () => {
  await Promise.all([first?.stack.close(), second?.stack.close()]);
});

const storedPresets = (page: Page) =>
  page.evaluate(
    async () => (await chrome.storage.local.get('presets:mine'))['presets:mine'] as Array<{ name: string }>,
  );

describe('presets UI (production build, emulator)', () => {
  it('creates a preset of three groups, shares it as a code, imports it elsewhere after review, and applies it from the popup', async () => {
    // 1. Create, in the first profile.
    const a = first.page;
    expect((await ask(a, 'refresh', { force: true })).ok).toBe(true);
    await a.getByRole('button', { name: 'New preset' }).click();
    await a.getByLabel('Name', { exact: true }).fill(NAME);
    // Three groups: one without requirements, one that needs approval, one already active.
    for (const group of [GROUPS.sqlAdmins, GROUPS.roleAdmins, GROUPS.aks]) {
      await a.getByRole('checkbox', { name: `${group.name} (Member)` }).check();
    }
    await a.getByLabel('Duration in minutes').fill('60');
    await a.getByLabel('Justification', { exact: true }).fill('Release on {date}');
    await a.getByRole('button', { name: 'Save preset' }).click();
    await expect.poll(() => a.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(1);
    expect((await storedPresets(a)).map((p) => p.name)).toEqual([NAME]);

    // 2. Share it as a code.
    await a.getByRole('button', { name: 'Create share code' }).click();
    const codeBox = a.locator('#preset-share-code');
    await codeBox.waitFor();
    const code = await codeBox.inputValue();
    expect(code).toMatch(/^PIMG1\.[A-Za-z0-9_-]+$/);

    // 3. Import it in a fresh profile: the review says what will be added; nothing changes before Import.
    const b = second.page;
    expect((await ask(b, 'refresh', { force: true })).ok).toBe(true);
    await b.getByLabel('Paste a share code').fill(code);
    await b.getByRole('button', { name: 'Review share code' }).click();
    const review = b.getByRole('region', { name: 'Review the import' });
    await review.waitFor();
    expect(await review.textContent()).toContain('Will be added');
    for (const group of [GROUPS.sqlAdmins, GROUPS.roleAdmins, GROUPS.aks]) {
      expect(await review.textContent()).toContain(`${group.name} (Member)`);
    }
    expect(await review.textContent()).not.toContain('not eligible');
    expect(await storedPresets(b)).toBeUndefined();
    const requestsBefore = (await requestsFor(second.stack, GROUPS.sqlAdmins)).length;
    await review.getByRole('button', { name: 'Import 1' }).click();
    await expect.poll(async () => (await storedPresets(b))?.map((p) => p.name)).toEqual([NAME]);
    // Importing activated nothing.
    expect((await requestsFor(second.stack, GROUPS.sqlAdmins)).length).toBe(requestsBefore);

    // 4. Apply it from the popup of the second profile.
    const popup = await openPopup(second.stack);
    await popup.getByRole('button', { name: `Apply ${NAME}` }).click();
    const results = popup.getByRole('list', { name: `Results of ${NAME}` });
    const lines = () => results.getByRole('listitem').allTextContents();
    await expect
      .poll(async () => (await lines()).sort(), { timeout: 20_000 })
      .toEqual(
        [
          `${GROUPS.sqlAdmins.name}: active`,
          `${GROUPS.roleAdmins.name}: waiting for approval`,
          `${GROUPS.aks.name}: already active`,
        ].sort(),
      );
    const [sent] = (await requestsFor(second.stack, GROUPS.sqlAdmins)).slice(-1);
    expect(sent?.justification).toMatch(/^Release on \d{4}-\d{2}-\d{2}$/);
    expect(sent?.scheduleInfo?.expiration.duration).toBe('PT1H');
    expect(second.stack.ext.pageErrors).toEqual([]);
  });
});
