// The frame most e2e files share: one emulator and one Chromium with the built extension for the
// file, Adele signed in, the pages a test opens closed after it, and no page error let through.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { openPopup } from './popup-kit.ts';
import { type Stack, signInAs, startStack } from './stack.ts';

export interface SuiteOptions {
  /** The emulator's scenario (default `demo`). */
  scenario?: string;
  /** Runs after the stack starts and before the sign-in (e.g. renaming groups in the emulator). */
  prepare?(stack: Stack): Promise<void>;
  /** Sign Adele in (default true). */
  signIn?: boolean;
  /** Keep the options page the sign-in used open for the file, as `suite.options` (default false). */
  keepOptionsPage?: boolean;
}

export interface Suite {
  readonly stack: Stack;
  /** With `keepOptionsPage`: an options page, open for the whole file, that tests talk to the background from. */
  readonly options: Page;
  /** Opens the popup at a toolbar popup's size, once its list is painted; closed after the test. */
  popup(): Promise<Page>;
  /** Closes `page` after the test. */
  track(page: Page): Page;
}

/** Registers the file's hooks; the returned suite's `stack` and `options` exist once `beforeAll` has run. */
export function e2eSuite(settings: SuiteOptions = {}): Suite {
  let stack: Stack | undefined;
  let options: Page | undefined;
  const opened: Page[] = [];
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the e2e suite's ${what} is used before beforeAll started it`);
    return value;
  };
  const suite: Suite = {
    get stack() {
      return started(stack, 'stack');
    },
    get options() {
      return started(options, 'options page');
    },
    async popup() {
      return suite.track(await openPopup(suite.stack));
    },
    track(page) {
      opened.push(page);
      return page;
    },
  };
  beforeAll(async () => {
    stack = await startStack(settings.scenario);
    await settings.prepare?.(stack);
    if (!(settings.signIn ?? true) && !settings.keepOptionsPage) return;
    const page = await stack.ext.openOptions();
    if (settings.signIn ?? true) await signInAs(stack, page);
    // Otherwise closed, so that no page but the test's own is open while it runs.
    if (settings.keepOptionsPage) options = page;
    else await page.close();
  });
  afterAll(async () => {
    await stack?.close();
  });
  afterEach(async () => {
    for (const page of opened.splice(0)) if (!page.isClosed()) await page.close();
    expect(stack?.ext.pageErrors).toEqual([]);
  });
  return suite;
}
