import { browser } from './browser.ts';

export function openOptionsPage(): Promise<void> {
  return browser.runtime.openOptionsPage();
}

/** Sets the page's language and title from the browser's UI locale and `_locales`. */
export function localisePage(title: string): void {
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.title = title;
}

/** Opens a web page in a new tab (no permission needed to open one). */
export async function openTab(url: string): Promise<void> {
  await browser.tabs.create({ url });
}
