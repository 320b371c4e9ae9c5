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
