import { browser } from './browser.ts';

/** The extension was installed or updated (or the browser was updated). */
export function onInstalled(listener: () => void): void {
  browser.runtime.onInstalled.addListener(listener);
}

/** A browser profile started with the extension already installed. */
export function onBrowserStartup(listener: () => void): void {
  browser.runtime.onStartup.addListener(listener);
}

export const extensionVersion = (): string => browser.runtime.getManifest().version;
