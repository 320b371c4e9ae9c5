import type { MessageKey } from '../core/message-key.ts';
import { browser } from './browser.ts';

export type { MessageKey };

/** A user-facing string from `_locales`. A missing key shows as the key itself, so it is noticed, not blank. */
export function t(key: MessageKey, ...substitutions: string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
