import type { ElementHandle, Page } from 'puppeteer-core';
import { vi } from 'vitest';
import { startEmulator } from '../../emulator/server.ts';
import {
  closeToolbarPopup,
  type JourneyBrowser,
  type JourneyPage,
  readToolbarPopup,
  type ToolbarPopup,
} from '../journey/driver.ts';
import type { Reply } from '../stack.ts';
import { FIREFOX_UUID, type FirefoxSession, launchFirefox } from './harness.ts';

// The journey's browser surface in Firefox, over puppeteer-core (DESIGN §6b). Puppeteer's locators
// stall in extension pages, so elements are found in the page and clicked or typed into through
// their ElementHandle (real input events, like Playwright's).

/** The Firefox redirect URI: `https://<SHA-1 of the add-on id>.extensions.allizom.org/` (listed on the demo app). */
export const FIREFOX_REDIRECT_URI = 'https://7ea24a6c0670896286de0a626e60ebbf28cbf585.extensions.allizom.org/';

const WAIT = { timeout: 15_000, interval: 100 };

/** The element the in-page `find` returns, once it returns one. */
async function element(page: Page, what: string, find: (arg: string) => Element | null, arg: string) {
  return vi.waitFor(async () => {
    const handle = (await page.evaluateHandle(find, arg)).asElement();
    if (!handle) throw new Error(`no ${what} yet`);
    return handle as ElementHandle<Element>;
  }, WAIT);
}

/** An extension page of the session, as the journey drives it. */
export function firefoxPage(page: Page, ff: FirefoxSession): JourneyPage {
  return {
    ask: <T>(type: string, request: unknown = {}) =>
      page.evaluate(
        (type, request) => browser.runtime.sendMessage({ channel: 'pages', type, request }),
        type,
        request as never,
      ) as Promise<Reply<T>>,
    async clickButton(name) {
      // The accessible name of the project's buttons: their aria-label, else their text.
      const button = await element(
        page,
        `enabled button "${name}"`,
        (name) =>
          [...document.querySelectorAll('button')].find(
            (b) => !b.disabled && (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
          ) ?? null,
        name,
      );
      await button.click();
    },
    async fill(label, text) {
      const field = await element(
        page,
        `field labelled "${label}"`,
        (label) => {
          const tag = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
          return tag?.htmlFor ? document.getElementById(tag.htmlFor) : null;
        },
        label,
      );
      await field.type(text);
    },
    texts: (selector) =>
      page.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent ?? ''), selector),
    close: () => ff.closePage(page),
  };
}

export async function startFirefox(): Promise<JourneyBrowser> {
  const emu = await startEmulator({ port: 0, scenario: 'demo' });
  let ff: FirefoxSession;
  try {
    // The organisation's policy, as Firefox reads it from the managed-storage manifest.
    ff = await launchFirefox({
      emulator: { port: emu.port, certPem: emu.certPem },
      managed: { tenant: emu.tenantId, clientId: emu.clientId },
      // `action.openPopup()` from a page is for a user's click in Firefox unless this is set; the
      // journey opens the real toolbar popup that way (toolbarPopup below). It changes no popup.
      prefs: { 'extensions.openPopupWithoutUserGesture.enabled': true },
    });
  } catch (error) {
    await emu.close();
    throw error;
  }
  const session = ff;
  // The page the background is reached from (an event page has no handle of its own over BiDi).
  let helper: Page | undefined;
  const helperPage = async () => {
    helper ??= await session.openPage('src/options/index.html');
    return helper;
  };
  return {
    name: 'firefox',
    emu,
    origin: `moz-extension://${FIREFOX_UUID}`,
    redirectUri: FIREFOX_REDIRECT_URI,
    async openPage(which) {
      const page = await session.openPage(`src/${which}/index.html`);
      if (which === 'popup') await page.setViewport({ width: 380, height: 600 });
      return firefoxPage(page, session);
    },
    async toolbarPopup(ready) {
      const page = await helperPage();
      try {
        await page.bringToFront();
        await page.evaluate(() => browser.action.openPopup());
        return await vi.waitFor(async () => {
          const shown = await page.evaluate(readToolbarPopup, ready);
          if (!shown) throw new Error(`the toolbar popup shows no ${ready} yet`);
          return shown as ToolbarPopup;
        }, WAIT);
      } finally {
        await page.evaluate(closeToolbarPopup);
      }
    },
    async background<T>(name: string, ...args: unknown[]) {
      const page = await helperPage();
      const json = await page.evaluate(
        async (name: string, args: unknown[]) => {
          // getBackgroundPage starts a terminated event page before it resolves.
          const background = (await browser.runtime.getBackgroundPage()) as unknown as {
            pim: Record<string, (...a: unknown[]) => unknown>;
          };
          const fn = background.pim[name];
          if (!fn) throw new Error(`the background has no pim.${name}`);
          return JSON.stringify((await fn(...args)) ?? null);
        },
        name,
        args,
      );
      return JSON.parse(json) as T;
    },
    unloadBackground: () => session.terminateBackground(),
    storedJson: async () =>
      (await helperPage()).evaluate(async () =>
        JSON.stringify(
          await Promise.all([browser.storage.local.get(), browser.storage.session.get(), browser.storage.sync.get()]),
        ),
      ),
    pageErrors: () => session.pageErrors(),
    async close() {
      await session.close();
      await emu.close();
    },
  };
}
