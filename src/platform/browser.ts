// The one place the WebExtension API is reached. Everything outside `platform/` goes through the
// typed wrappers beside this file, so it can be tested against an in-memory fake.
//
// No polyfill: Firefox has the promise-based `browser` namespace, and Chromium (116+, our minimum)
// returns promises from `chrome.*` whenever no callback is passed. The polyfill's one remaining
// service — onMessage listeners that return a promise — is done by `channel.ts` with `sendResponse`,
// which every browser supports. That saves ~3 KB gzip on every popup open (issue 8's budget).
import type { Browser } from 'webextension-polyfill';

export type { Alarms, Notifications, Runtime, Storage } from 'webextension-polyfill';

const scope = globalThis as unknown as { browser?: Browser; chrome?: Browser };

export const browser = (scope.browser ?? scope.chrome) as Browser;
