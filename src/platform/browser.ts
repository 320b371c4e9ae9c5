// The one place the WebExtension API is reached. Everything outside `platform/` goes through the
// typed wrappers beside this file, so it can be tested against an in-memory fake.
//
// `webextension-polyfill` provides the promise-based `browser` namespace in every context (service
// worker, offscreen auth host, popup, options): the browser's own namespace as it is where it has
// one (Firefox; Chrome from 148, https://developer.chrome.com/docs/extensions/develop/concepts/browser-namespace),
// else Chromium's `chrome.*` wrapped, including `runtime.onMessage` listeners that answer with a
// promise. The build loads it as an ES module (scripts/polyfill-as-esm.ts says why).
import browser from 'webextension-polyfill';

export type { Alarms, Notifications, Runtime, Storage } from 'webextension-polyfill';

export { browser };
