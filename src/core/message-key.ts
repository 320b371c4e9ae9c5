import type en from '../../public/_locales/en/messages.json';

/** Every `_locales` key, checked at compile time against the English catalogue. */
export type MessageKey = keyof typeof en;
