import { browser } from './browser.ts';
import { log } from './log.ts';
import { popupPath } from './omnibox.ts';

/**
 * Shows the popup from a notification: the toolbar popup where the browser allows it
 * (`action.openPopup` needs a focused normal window, and older Firefox versions lack it), else the
 * popup's page in a tab. Either way the user sees the requests waiting on them and decides there.
 */
export async function openPopupOrTab(): Promise<'popup' | 'tab'> {
  const action = browser.action as typeof browser.action & { openPopup?: () => Promise<void> };
  if (typeof action.openPopup === 'function') {
    try {
      await action.openPopup();
      return 'popup';
    } catch (error) {
      log.info('open-popup', 'the toolbar popup could not open; opening a tab', error);
    }
  }
  await browser.tabs.create({ url: browser.runtime.getURL(popupPath()) });
  return 'tab';
}
