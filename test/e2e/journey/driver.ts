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

/** What the real toolbar popup shows once it is ready (`JourneyBrowser.toolbarPopup`). */
export interface ToolbarPopup {
  /** The popup's viewport width, which the browser sizes to the content. */
  viewportWidth: number;
  /** Widths of the body and of the popup's <main>, in CSS pixels. */
  body: number;
  main: number;
  /** How far the document reaches beyond the viewport sideways: 0 when nothing scrolls sideways. */
  overflowX: number;
  /** The first three rows as "section heading|name" (heading empty when it starts no section), else the empty state's title. */
  content: string[];
}

/**
 * Run in an extension page: what the open toolbar popup shows, once it holds an element matching
 * `ready` (a CSS selector) and has been sized to its content, else undefined. Both browsers hand
 * an extension page the popup's window (`extension.getViews`: same extension, same process). One
 * function, passed to each driver's page, so both read the popup alike.
 */
export function readToolbarPopup(ready: string): ToolbarPopup | undefined {
  const view = chrome.extension.getViews({ type: 'popup' })[0];
  const doc = view?.document;
  if (!view || !doc?.querySelector(ready)) return undefined;
  const width = (element: Element | null) => element?.getBoundingClientRect().width ?? -1;
  // The browser sizes the popup after its first layout (Firefox shows it 16px wide until then).
  if (view.innerWidth < width(doc.body)) return undefined;
  const rows = Array.from(doc.querySelectorAll('li[data-key]')).slice(0, 3);
  return {
    viewportWidth: view.innerWidth,
    body: width(doc.body),
    main: width(doc.querySelector('main')),
    overflowX: Math.max(0, doc.documentElement.scrollWidth - doc.documentElement.clientWidth),
    content: rows.length
      ? rows.map(
          (r) => `${r.querySelector('.row__section')?.textContent ?? ''}|${r.querySelector('.row__name')?.textContent}`,
        )
      : Array.from(doc.querySelectorAll('.empty-state__title'), (title) => title.textContent ?? ''),
  };
}

/** Closes the toolbar popup, if one is open (run in an extension page). */
export function closeToolbarPopup(): void {
  for (const view of chrome.extension.getViews({ type: 'popup' })) view.close();
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
  /**
   * Opens the real toolbar popup, as a click on the extension's button does (`action.openPopup()`
   * from an extension page in the focused window), waits until it holds `ready` (a CSS selector),
   * returns what it shows and closes it. The other steps open the popup's page in a tab.
   */
  toolbarPopup(ready: string): Promise<ToolbarPopup>;
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
