import { browser } from './browser.ts';

/** The browser's UI language (e.g. "en-US"), for `Intl` formatting of dates, times and durations. */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage() || 'en';
}

/** The text direction of the UI language's catalogue ("rtl" for Arabic, Hebrew, …). */
export function textDirection(): 'ltr' | 'rtl' {
  return browser.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
}
