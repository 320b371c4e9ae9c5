import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { vi } from 'vitest';
import { GECKO_ID } from '../../../scripts/targets.ts';

// Firefox ESR driven over WebDriver BiDi by puppeteer-core (DESIGN §6b): playwright-core cannot
// drive this Firefox, and geckodriver cannot be installed here.

const DIST_FIREFOX = fileURLToPath(new URL('../../../dist-firefox', import.meta.url));

/** Fixed in advance through `extensions.webextensions.uuids`, so pages have known URLs before install. */
export const FIREFOX_UUID = '6f1d2c3b-8a47-4e59-9b0c-1d2e3f4a5b6c';

const MICROSOFT_HOSTS = ['login.microsoftonline.com', 'graph.microsoft.com'];

/** Debian's Firefox ESR, or the one FIREFOX_PATH names; a clear sentence when neither exists. */
export function firefoxPath(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/lib/firefox-esr/firefox-esr'].filter((p): p is string =>
    Boolean(p),
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `Firefox not found (looked at ${candidates.join(', ')}). Install Firefox ESR 142 or later with "sudo apt-get update && sudo apt-get install -y firefox-esr" (Debian's security updates carry it), or set FIREFOX_PATH.`,
    );
  }
  return found;
}

export interface FirefoxLaunchOptions {
  emulator: { port: number; certPem: string };
  /** The organisation's policy for the add-on, as Firefox reads it from managed storage. */
  managed?: Record<string, unknown>;
  /** Extra preferences. */
  prefs?: Record<string, unknown>;
}

export interface FirefoxSession {
  browser: Browser;
  /** Opens an extension page in a new tab once its document has loaded, recording its errors from then on. */
  openPage(path: string): Promise<Page>;
  /** Uncaught errors, unhandled rejections and console errors of the pages `openPage` opened (collected so far). */
  pageErrors(): Promise<string[]>;
  /**
   * Terminates the add-on's event page as Firefox does when it is idle (what about:debugging's
   * "Terminate background script" does), through the browser's privileged scope.
   */
  terminateBackground(): Promise<void>;
  /** The event page's state: "running" or "stopped" (or "suspending" in between). */
  backgroundState(): Promise<string>;
  /** Closes a page `openPage` opened, keeping its errors. */
  closePage(page: Page): Promise<void>;
  close(): Promise<void>;
}

/**
 * `cert_override.txt` trusting the emulator's certificate for Microsoft's hosts only. Firefox keys
 * an override on host and port; `network.socket.forcePort` sends 443 to the emulator's port, and
 * the override is looked up under that port.
 */
function certOverrides(port: number, certPem: string): string {
  const fingerprint = new X509Certificate(certPem).fingerprint256;
  const lines = MICROSOFT_HOSTS.map((host) => `${host}:${port}:\tOID.2.16.840.1.101.3.4.2.1\t${fingerprint}\t`);
  return `# PSM Certificate Override Settings file\n# This is a generated file!  Do not edit.\n${lines.join('\n')}\n`;
}

/** The managed-storage manifest Firefox reads for an add-on on Linux (`~/.mozilla/managed-storage/<id>.json`). */
async function writeManagedStorage(home: string, data: Record<string, unknown>): Promise<void> {
  const dir = join(home, '.mozilla', 'managed-storage');
  await mkdir(dir, { recursive: true });
  const manifest = { name: GECKO_ID, description: 'PIM for Groups companion policy', type: 'storage', data };
  await writeFile(join(dir, `${GECKO_ID}.json`), JSON.stringify(manifest));
}

/** Starts headless Firefox with `dist-firefox/` installed as a temporary add-on. Always `close()` it. */
export async function launchFirefox(options: FirefoxLaunchOptions): Promise<FirefoxSession> {
  // Its own HOME (managed storage is read from there) and profile, removed on close.
  const home = await mkdtemp(join(tmpdir(), 'pim-firefox-home-'));
  const profile = join(home, 'profile');
  await mkdir(profile);
  await writeFile(join(profile, 'cert_override.txt'), certOverrides(options.emulator.port, options.emulator.certPem));
  if (options.managed) await writeManagedStorage(home, options.managed);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    userDataDir: profile,
    // Without it BiDi refuses to navigate to moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    env: { ...process.env, HOME: home },
    extraPrefsFirefox: {
      'network.dns.localDomains': MICROSOFT_HOSTS.join(','),
      'network.socket.forcePort': `443=${options.emulator.port}`,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      // Headless here has no desktop notification service, which closes every notification at once
      // (onClosed, byUser true): Firefox's own alert window keeps them, for as long as a journey takes.
      'alerts.useSystemBackend': false,
      'alerts.totalOpenTime': 600_000,
      ...options.prefs,
    },
  });
  try {
    await browser.installExtension(DIST_FIREFOX);
    const url = (path: string) => `moz-extension://${FIREFOX_UUID}/${path.replace(/^\//, '')}`;
    const pageErrors: string[] = [];
    const pages: Page[] = [];
    return {
      browser,
      async openPage(path) {
        const page = await browser.newPage();
        await navigateExtensionPage(page, url(path));
        await recordErrors(page);
        pages.push(page);
        return page;
      },
      async pageErrors() {
        for (const page of pages) pageErrors.push(...(await takeErrors(page)));
        return pageErrors;
      },
      terminateBackground: () => terminateBackground(browser),
      backgroundState: () => backgroundState(browser),
      async closePage(page) {
        pageErrors.push(...(await takeErrors(page)));
        // Tracked here: puppeteer does not learn that a closed extension page is gone (no BiDi events for them).
        pages.splice(pages.indexOf(page), 1);
        await page.close();
      },
      async close() {
        await browser.close();
        await rm(home, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser.close();
    await rm(home, { recursive: true, force: true });
    throw error;
  }
}

interface BidiFrame {
  browsingContext: { navigate(url: string, wait: 'none' | 'interactive' | 'complete'): Promise<void> };
}

/**
 * Firefox sends no load events for extension documents over BiDi, so `page.goto` would hang:
 * navigate without waiting, then poll the document until it is this page, loaded.
 */
export async function navigateExtensionPage(page: Page, url: string): Promise<void> {
  await (page.mainFrame() as unknown as BidiFrame).browsingContext.navigate(url, 'none');
  await vi.waitFor(
    async () => {
      const state = await page.evaluate(() => [location.href, document.readyState]);
      if (state[0] !== url || state[1] !== 'complete') throw new Error(`still loading ${url}: ${state.join(' ')}`);
    },
    { timeout: 20_000, interval: 100 },
  );
}

type ErrorLog = { __e2eErrors?: string[] };

/**
 * Firefox reports no console events for extension documents over BiDi, so the page keeps its own
 * list: uncaught errors, unhandled rejections and `console.error` from the moment it is loaded
 * (errors during the first paint are not seen here; the Chromium run of the journey sees those).
 */
async function recordErrors(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: string[] = [];
    (window as unknown as ErrorLog).__e2eErrors = log;
    addEventListener('error', (e) => log.push(e.message));
    addEventListener('unhandledrejection', (e) => log.push(String(e.reason)));
    const original = console.error.bind(console);
    console.error = (...args: unknown[]) => {
      log.push(args.map(String).join(' '));
      original(...args);
    };
  });
}

async function takeErrors(page: Page): Promise<string[]> {
  // The page's own location: puppeteer still reports about:blank for extension pages.
  const [path, errors] = await page.evaluate(
    () => [location.pathname, (window as unknown as ErrorLog).__e2eErrors?.splice(0) ?? []] as const,
  );
  return errors.map((e) => `${path}: ${e}`);
}

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

/**
 * Evaluates `expression` in the browser window's privileged (chrome) scope, which
 * `--remote-allow-system-access` opens to BiDi, and returns its value.
 */
async function evaluateInChrome(browser: Browser, expression: string): Promise<unknown> {
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
  const [chrome] = tree.result.contexts as Array<{ context: string }>;
  if (!chrome) throw new Error('Firefox shows no chrome window to evaluate in');
  const reply = await connection.send('script.evaluate', {
    expression,
    target: { context: chrome.context },
    awaitPromise: true,
  });
  const result = reply.result as { type: string; result?: { value?: unknown }; exceptionDetails?: unknown };
  if (result.type !== 'success') throw new Error(`chrome-scope evaluation failed: ${JSON.stringify(result)}`);
  return result.result?.value;
}

/** The add-on's parent-side object, as an expression for `evaluateInChrome`. */
const EXTENSION = `ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs').ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)})`;

/** The event page's state as Firefox keeps it: "running", "suspending", "stopped"… */
async function backgroundState(browser: Browser): Promise<string> {
  return String(await evaluateInChrome(browser, `String(${EXTENSION}.backgroundState)`));
}

/**
 * Terminates the event page as the idle timeout would (what about:debugging's "Terminate
 * background script" does). Like the idle timeout, Firefox keeps a background that is still busy
 * (a pending request, an open port) and reports it running: then wait, and ask again.
 */
async function terminateBackground(browser: Browser): Promise<void> {
  await vi.waitFor(
    async () => {
      await evaluateInChrome(browser, `${EXTENSION}.terminateBackground()`);
      const state = await backgroundState(browser);
      if (state !== 'stopped') throw new Error(`the background did not stop: ${state}`);
    },
    { timeout: 15_000, interval: 250 },
  );
}
