import { safeHttpsUrl } from '../core/safe-url.ts';
import { browser } from './browser.ts';
import { extensionUrl } from './pages.ts';

// Apart from pages.ts so that the popup's first paint, which imports pages.ts, does not carry the
// URL check: only the presets area (loaded later) and the background open tabs.

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
