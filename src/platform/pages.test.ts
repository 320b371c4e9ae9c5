// @vitest-environment happy-dom
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../test-support/fake-browser-setup.ts';
import { localisePage } from './pages.ts';

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
