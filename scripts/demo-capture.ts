import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { AccountSummary } from '../src/core/account.ts';
import type { MessageMap } from '../src/platform/messages.ts';
import type { ExtensionSession } from '../test/e2e/harness.ts';
import type { Emulator } from '../test/emulator/server.ts';
import { control } from '../test/emulator/test-client.ts';
import { until, within } from './demo-wait.ts';

type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** Sends a page → background message exactly as the popup and options page do. */
function ask<K extends keyof MessageMap>(
  page: Page,
  type: K,
  request: MessageMap[K]['request'],
): Promise<Reply<MessageMap[K]['response']>> {
  return page.evaluate(([type, request]) => chrome.runtime.sendMessage({ channel: 'pages', type, request }), [
    type,
    request,
  ] as const);
}

/** Chromium hands the extension its managed policy a few seconds after launch: wait for it. */
export async function policyArrived(page: Page): Promise<void> {
  await until('the extension to read the organisation policy', 25_000, async () => {
    const reply = await ask(page, 'getAuthState', undefined);
    return reply.ok && reply.value.configured ? true : undefined;
  });
}

/**
 * Signs `userId` in through the extension's own sign-in (launchWebAuthFlow → the emulator's authorize
 * endpoint). `autoSignIn` makes that endpoint answer as if the user had picked the account, and
 * `autoApproveMfa` passes the step-up, so no window appears.
 */
export async function signInHeadless(ext: ExtensionSession, emu: Emulator, userId: string): Promise<AccountSummary> {
  await control(emu, 'settings', { autoSignIn: userId, autoApproveMfa: true });
  const page = await ext.openOptions();
  try {
    await policyArrived(page);
    const reply = await within('sign-in to finish', 20_000, ask(page, 'signIn', {}));
    if (!reply.ok) throw new Error(`sign-in failed: ${reply.error.code}: ${reply.error.message}`);
    return reply.value;
  } finally {
    await page.close();
  }
}

// How the pages say they are still loading: ARIA first, then the popup's own markers.
const LOADING =
  '[aria-busy="true"], [role="progressbar"], [data-state="loading"], [data-state="refreshing"], .popup__loading';

/** Waits until the page shows its heading and `text`, and nothing on it says it is still loading. */
async function settled(page: Page, text: string): Promise<void> {
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 15_000 });
  const name = new URL(page.url()).pathname;
  await until(`${name} to show "${text}" and finish loading`, 20_000, async () => {
    const shown = await page.getByText(text).first().isVisible();
    const idle = await page.evaluate(
      (loading) => document.querySelector(loading) === null && document.fonts.status === 'loaded',
      LOADING,
    );
    return shown && idle ? true : undefined;
  });
}

/**
 * Screenshots of the popup (at a toolbar popup's size) and of the options page, once both show the
 * signed-in user; returns their paths.
 */
export async function capture(ext: ExtensionSession, account: AccountSummary, out: string): Promise<string[]> {
  const popup = await ext.openPopup();
  await popup.setViewportSize({ width: 380, height: 600 });
  await settled(popup, account.name);
  // The picture is about what is live: the first active group is shown whole, wherever the list puts it.
  const active = popup.locator('li.row[data-state="active"]').first();
  if ((await active.count()) > 0) await active.evaluate((row) => row.scrollIntoView({ block: 'nearest' }));
  const popupPng = join(out, 'popup.png');
  await popup.screenshot({ path: popupPng });

  const options = await ext.openOptions();
  await options.setViewportSize({ width: 1280, height: 900 });
  await settled(options, account.name);
  const optionsPng = join(out, 'options.png');
  await options.screenshot({ path: optionsPng, fullPage: true });
  return [popupPng, optionsPng];
}

/** The approver's view: the requests waiting on `approver`, above their groups. Returns the screenshot's path. */
export async function captureApprover(ext: ExtensionSession, approver: AccountSummary, out: string): Promise<string> {
  const popup = await ext.openPopup();
  await popup.setViewportSize({ width: 380, height: 600 });
  await settled(popup, approver.name);
  await popup.getByRole('region', { name: /Waiting on you/ }).waitFor({ timeout: 15_000 });
  const png = join(out, 'approver.png');
  await popup.screenshot({ path: png });
  await popup.close();
  return png;
}
