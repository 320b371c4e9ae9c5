import type { Page } from 'playwright-core';
import { ask, startStack } from '../stack.ts';
import {
  closeToolbarPopup,
  type JourneyBrowser,
  type JourneyPage,
  readToolbarPopup,
  type ToolbarPopup,
} from './driver.ts';

// The journey's browser surface in Chromium, over playwright-core and the suite's own stack
// (emulator, harness, policy through chrome://policy/test).

function journeyPage(page: Page): JourneyPage {
  return {
    ask: (type, request = {}) => ask(page, type, request),
    clickButton: (name) => page.getByRole('button', { name, exact: true }).click(),
    fill: (label, text) => page.getByLabel(label, { exact: true }).first().fill(text),
    texts: (selector) => page.locator(selector).allTextContents(),
    close: () => page.close(),
  };
}

export async function startChromium(): Promise<JourneyBrowser> {
  const stack = await startStack();
  const { ext, emu } = stack;
  return {
    name: 'chromium',
    emu,
    origin: `chrome-extension://${ext.extensionId}`,
    redirectUri: `https://${ext.extensionId}.chromiumapp.org/`,
    async openPage(which) {
      if (which === 'options') return journeyPage(await ext.openOptions());
      const page = await ext.openPopup();
      await page.setViewportSize({ width: 380, height: 600 });
      return journeyPage(page);
    },
    async toolbarPopup(ready) {
      const page = await ext.openOptions();
      try {
        await page.bringToFront();
        await page.evaluate(() => chrome.action.openPopup());
        const shown = await page.waitForFunction(readToolbarPopup, ready, { timeout: 15_000, polling: 20 });
        return (await shown.jsonValue()) as ToolbarPopup;
      } finally {
        await page.evaluate(closeToolbarPopup);
        await page.close();
      }
    },
    background: <T>(name: string, ...args: unknown[]) =>
      ext.worker.evaluate(
        async ([name, args]) => {
          const pim = (globalThis as unknown as { pim: Record<string, (...a: unknown[]) => unknown> }).pim;
          const fn = pim[name];
          if (!fn) throw new Error(`the background has no pim.${name}`);
          return JSON.parse(JSON.stringify((await fn(...args)) ?? null)) as T;
        },
        [name, args] as const,
      ),
    unloadBackground: () => ext.stopServiceWorker(),
    storedJson: () =>
      ext.worker.evaluate(async () =>
        JSON.stringify(
          await Promise.all([chrome.storage.local.get(), chrome.storage.session.get(), chrome.storage.sync.get()]),
        ),
      ),
    pageErrors: async () => ext.pageErrors,
    close: () => stack.close(),
  };
}
