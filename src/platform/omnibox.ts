import { plainText, type Suggestion } from '../core/omnibox.ts';
import { browser } from './browser.ts';
import { log } from './log.ts';

export type Disposition = 'currentTab' | 'newForegroundTab' | 'newBackgroundTab';

export interface OmniboxHandlers {
  /** Suggestions for what the user typed after the keyword. */
  changed(text: string): Promise<Suggestion[]>;
  /** The user chose a suggestion (its `content`) or pressed Enter on the typed text. */
  entered(text: string, disposition: Disposition): Promise<void>;
}

/**
 * Wires the address bar keyword (manifest `omnibox.keyword`). Must be called synchronously at
 * worker start, like every listener, so typing the keyword wakes a stopped worker into a handler.
 */
export function listenForOmnibox(handlers: OmniboxHandlers, defaultDescription: string): void {
  // Chromium reads descriptions as XML (`<match>`, `<dim>`); Firefox shows them as plain text.
  const markup = !browser.runtime.getURL('').startsWith('moz-extension:');
  const shown = (description: string) => (markup ? description : plainText(description));
  browser.omnibox.setDefaultSuggestion({ description: shown(defaultDescription) });
  browser.omnibox.onInputChanged.addListener((text, suggest) => {
    handlers.changed(text).then(
      (suggestions) => suggest(suggestions.map((s) => ({ ...s, description: shown(s.description) }))),
      (error: unknown) => log.warn('omnibox', 'no suggestions', error),
    );
  });
  browser.omnibox.onInputEntered.addListener((text, disposition) => {
    handlers.entered(text, disposition).catch((error: unknown) => log.warn('omnibox', 'could not open', error));
  });
}

/** Opens one of the extension's own pages where the address bar's Enter asks for it. */
export async function openExtensionPage(path: string, disposition: Disposition): Promise<void> {
  const url = browser.runtime.getURL(path);
  if (disposition === 'currentTab') {
    // Without the `tabs` permission an extension may still navigate the active tab.
    await browser.tabs.update({ url });
    return;
  }
  await browser.tabs.create({ url, active: disposition === 'newForegroundTab' });
}

/** The popup's page, as the manifest names it. */
export const popupPath = (): string => browser.runtime.getManifest().action?.default_popup ?? 'src/popup/index.html';
