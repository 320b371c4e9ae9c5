// @vitest-environment happy-dom
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../test-support/fake-browser-setup.ts';
import { localisePage } from './pages.ts';
import { openTab } from './tabs.ts';

describe('localisePage', () => {
  it('takes language, direction and title from the browser', () => {
    localisePage('Ihre PIM-Gruppen');
    expect(document.documentElement.lang).toBe('en-US');
    expect(document.documentElement.dir).toBe('ltr');
    expect(document.title).toBe('Ihre PIM-Gruppen');
  });

  it('lays a right-to-left UI language out right to left', () => {
    // Chromium answers @@bidi_dir from the UI language, even when the catalogue falls back to English.
    Object.assign(fakeBrowser.i18n, {
      getUILanguage: () => 'ar',
      getMessage: (key: string, subs?: string[]) => (key === '@@bidi_dir' ? 'rtl' : formatMessage(key, subs)),
    });
    localisePage('x');
    expect(document.documentElement.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
  });
});

describe('openTab', () => {
  it('opens safe https pages and the extension’s own, and refuses anything else', async () => {
    const own = fakeBrowser.runtime.getURL('src/options/index.html#new-preset=x');
    await openTab('https://portal.azure.com/');
    await openTab(own);
    for (const url of [
      'javascript:alert(1)',
      'http://portal.azure.com/',
      'https://portal.azure.com@evil.example/',
      'data:,x',
    ]) {
      await expect(openTab(url)).rejects.toThrow(/not a safe https URL/);
    }
    expect((await fakeBrowser.tabs.query({})).map((t) => t.url).filter((u) => u !== undefined)).toEqual([
      'https://portal.azure.com/',
      own,
    ]);
  });
});
