import { safeHttpsUrl } from '../core/safe-url.ts';
import { browser } from './browser.ts';
import { textDirection, uiLanguage } from './locale.ts';

export function openOptionsPage(): Promise<void> {
  return browser.runtime.openOptionsPage();
}

/**
 * Sets the page's language, text direction and title from the browser's UI locale and `_locales`.
 * `dir` on the root element mirrors the whole page, scroll bars included, in Arabic or Hebrew; the
 * stylesheets use logical properties only (`margin-inline-start`, `text-align: start`) to follow it.
 */
export function localisePage(title: string): void {
  document.documentElement.lang = uiLanguage();
  document.documentElement.dir = textDirection();
  document.title = title;
}

/** The extension's own address for a path (`/src/options/index.html`). */
export const extensionUrl = (path: string): string => browser.runtime.getURL(path);

/**
 * Opens a web page (a safe https URL, core/safe-url.ts) or one of the extension's own pages in a
 * new tab (no permission needed to open one). Anything else is refused here, the one place tabs
 * are opened, whatever built the address.
 */
export async function openTab(url: string): Promise<void> {
  const own = typeof url === 'string' && url.startsWith(extensionUrl(''));
  if (!own && safeHttpsUrl(url) === undefined)
    throw new Error('refused to open an address that is not a safe https URL');
  await browser.tabs.create({ url });
}
