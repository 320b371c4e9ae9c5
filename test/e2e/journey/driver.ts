// What the shared journey (journey.ts) needs of a browser: a small surface that playwright-core
// implements for Chromium (chromium-driver.ts) and puppeteer-core for Firefox (../firefox/driver.ts).
// Steps are written once against this, so both browsers walk the same journey.
import type { Emulator } from '../../emulator/server.ts';
import type { Reply } from '../stack.ts';

/** An extension page (the popup or the options page) open in a tab. */
export interface JourneyPage {
  /** Sends a page → background message the way the popup does, and returns the `{ ok, … }` reply. */
  ask<T = unknown>(type: string, request?: unknown): Promise<Reply<T>>;
  /** Clicks the button with exactly this accessible name, once it is there and enabled. */
  clickButton(name: string): Promise<void>;
  /** Types `text` into the first text field (in document order) with exactly this label. */
  fill(label: string, text: string): Promise<void>;
  /** The text of every element the CSS selector matches, in document order (none: `[]`). */
  texts(selector: string): Promise<string[]>;
  close(): Promise<void>;
}

export interface Badge {
  text: string;
  /** `#RRGGBB`, as `readBadge` reports it. */
  color: string;
  title: string;
}

export interface JourneyBrowser {
  name: 'chromium' | 'firefox';
  emu: Emulator;
  /** The extension pages' origin, which the token request must carry as its `Origin` header. */
  origin: string;
  /** The redirect URI launchWebAuthFlow uses in this browser, as registered on the app. */
  redirectUri: string;
  /** Opens the popup (in a tab, at a toolbar popup's width) or the options page. */
  openPage(page: 'popup' | 'options'): Promise<JourneyPage>;
  /** Calls one of the background's inspection functions (`pim.*`, src/background/debug.ts) and returns its JSON result. */
  background<T>(name: string, ...args: unknown[]): Promise<T>;
  /**
   * Unloads the background as the browser does when it is idle: Chromium stops the service
   * worker (the offscreen auth host stays), Firefox terminates the event page (MSAL with it).
   */
  unloadBackground(): Promise<void>;
  /** Everything in the extension's `local`, `session` and `sync` storage, as JSON. */
  storedJson(): Promise<string>;
  /** Console errors and uncaught exceptions of the extension pages the journey opened. */
  pageErrors(): Promise<string[]>;
  close(): Promise<void>;
}
