// The one import of the WebExtension API. Everything outside `platform/` goes through the
// typed wrappers beside this file, so it can be tested against an in-memory fake.
import browser from 'webextension-polyfill';

export type { Alarms, Notifications, Runtime, Storage } from 'webextension-polyfill';
export { browser };
