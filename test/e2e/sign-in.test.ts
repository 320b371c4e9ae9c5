import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

/** Sends a page → background message the way the popup does, and returns the `{ ok, … }` reply. */
function ask(page: Page, type: string, request: unknown = {}) {
  return page.evaluate(([type, request]) => chrome.runtime.sendMessage({ channel: 'pages', type, request }), [
    type,
    request,
  ] as const);
}

describe('sign-in', () => {
  it('signs in through launchWebAuthFlow and Entra’s sign-in page', async () => {
    const { ext } = stack;
    const options = await ext.openOptions();
    await expect
      .poll(async () => (await ask(options, 'getAuthState', undefined)).value?.configured, { timeout: 20_000 })
      .toBe(true);

    const signInWindow = ext.context.waitForEvent('page', (p) => p.url().includes('/oauth2/v2.0/authorize'));
    const reply = ask(options, 'signIn', {});
    const page = await signInWindow;
    await page.getByRole('button', { name: /Adele Vance/ }).click();
    const result = await reply;
    expect(result).toMatchObject({ ok: true, value: { username: 'adelev@contoso-demo.onmicrosoft.com' } });
    expect((await ask(options, 'getAuthState', undefined)).value.active.name).toBe('Adele Vance');
  });
});
