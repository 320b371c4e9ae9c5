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

/** Opens a web page in a new tab (no permission needed to open one). */
export async function openTab(url: string): Promise<void> {
  await browser.tabs.create({ url });
}
