import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { chromiumPath } from './chromium-path.ts';

// Next to this file, not the working directory: the demo script may be started from anywhere.
export const DIST = fileURLToPath(new URL('../../dist', import.meta.url));

export interface LaunchOptions {
  /** Maps Microsoft's hosts to a local emulator and trusts its certificate (test/e2e/README.md). */
  emulator?: { port: number; spki: string };
  /** The unpacked extension to load; default `dist/` (the package tests load an unzipped store package). */
  extensionDir?: string;
  /** Default true; the demo script opens a visible window (with the window's own size, not a fixed viewport). */
  headless?: boolean;
  /** Default true: Playwright kills Chromium and exits on Ctrl+C. The demo passes false to shut down in order. */
  handleSignals?: boolean;
  /**
   * The browser's UI language (e.g. "de", "ar"). Chromium on Linux takes it from `LANGUAGE`, not
   * from `--lang` (which only switches the extension's catalogue), and needs its locale packs
   * (Debian: chromium-l10n); without this option Chromium follows the environment.
   */
  language?: string;
  /**
   * A profile directory that outlives this browser, for restart tests (same user, same cookies and
   * extension storage); default: a new temporary profile.
   */
  userDataDir?: string;
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker; the same handle works again after a restart. */
  worker: Worker;
  url(path: string): string;
  /** Opens an extension page in a tab and records its console errors in `pageErrors`. */
  openPage(path: string): Promise<Page>;
  openPopup(): Promise<Page>;
  openOptions(): Promise<Page>;
  /** Stops every service worker through the DevTools protocol, as Chromium does when idle. */
  stopServiceWorker(): Promise<void>;
  /** Console errors and uncaught exceptions of pages opened through `openPage`. */
  pageErrors: string[];
  close(): Promise<void>;
}

function chromiumArgs(options: LaunchOptions): string[] {
  const extension = options.extensionDir ?? DIST;
  const args = [
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
  ];
  if (options.language) args.push(`--lang=${options.language}`);
  if (options.emulator) {
    const { port, spki } = options.emulator;
    args.push(
      `--host-resolver-rules=MAP login.microsoftonline.com 127.0.0.1:${port}, MAP graph.microsoft.com 127.0.0.1:${port}`,
      `--ignore-certificate-errors-spki-list=${spki}`,
    );
  }
  return args;
}

/** Starts headless Chromium with the built extension loaded. One per test file; always `close()` it. */
export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const context = await chromium.launchPersistentContext(options.userDataDir ?? '', {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    ...(options.headless === false && { viewport: null }),
    ...(options.handleSignals === false && { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }),
    args: chromiumArgs(options),
    ...(options.language && { env: { ...process.env, LANGUAGE: options.language } }),
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const pageErrors: string[] = [];
    const url = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;
    const openPage = async (path: string) => {
      const page = await context.newPage();
      page.on('console', (m) => m.type() === 'error' && pageErrors.push(`${path}: ${m.text()}`));
      page.on('pageerror', (e) => pageErrors.push(`${path}: ${e.message}`));
      await page.goto(url(path));
      return page;
    };
    return {
      context,
      extensionId,
      worker,
      url,
      openPage,
      openPopup: () => openPage('src/popup/index.html'),
      openOptions: () => openPage('src/options/index.html'),
      pageErrors,
      async stopServiceWorker() {
        const page = context.pages()[0] ?? (await context.newPage());
        const cdp = await context.newCDPSession(page);
        await cdp.send('ServiceWorker.enable');
        const stopped = new Promise<void>((done) => {
          cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
            if (versions.some((v) => v.scriptURL.startsWith(url('')) && v.runningStatus === 'stopped')) done();
          });
        });
        await cdp.send('ServiceWorker.stopAllWorkers');
        await stopped;
        await cdp.detach();
      },
      close: () => context.close(),
    };
  } catch (error) {
    await context.close();
    throw error;
  }
}
