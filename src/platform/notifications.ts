import { browser, type Notifications } from './browser.ts';

export interface NotificationContent {
  title: string;
  message: string;
  /** Up to two buttons (Chromium's limit). */
  buttons?: string[];
  /** Keeps the notification on screen until the user acts (for prompts that need an answer). */
  requireInteraction?: boolean;
}

// Chromium resolves a notification without an icon yet shows nothing, so every one carries ours.
const ICON = 'icons/icon-128.png';

/**
 * Buttons and requireInteraction are Chromium options (the polyfill's Firefox-based types omit
 * them). Firefox rejects the whole `create` call when they are present ("Property "buttons" is
 * unsupported by Firefox"), so there a notification is its text only.
 */
function chromiumOptions(content: NotificationContent): object {
  if (__TARGET__ === 'firefox') return {};
  return {
    ...(content.buttons?.length ? { buttons: content.buttons.slice(0, 2).map((title) => ({ title })) } : {}),
    ...(content.requireInteraction ? { requireInteraction: true } : {}),
  };
}

/** Shows (or replaces) the notification with this id. */
export async function notify(id: string, content: NotificationContent): Promise<void> {
  await browser.notifications.create(id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL(ICON),
    title: content.title,
    message: content.message,
    ...chromiumOptions(content),
  } as Notifications.CreateNotificationOptions);
}

export async function clearNotification(id: string): Promise<boolean> {
  return browser.notifications.clear(id);
}

export async function activeNotificationIds(): Promise<string[]> {
  return Object.keys(await browser.notifications.getAll());
}

/** Takes every notification of this extension off the screen. */
export async function clearAllNotifications(): Promise<void> {
  await Promise.all((await activeNotificationIds()).map(clearNotification));
}

/** Button and body clicks, routed to plain functions the e2e tests can also call directly. */
export function onNotificationAction(handlers: {
  button?: (id: string, index: number) => void;
  click?: (id: string) => void;
}): void {
  // Firefox's notifications have no buttons (see chromiumOptions).
  if (handlers.button && __TARGET__ !== 'firefox') browser.notifications.onButtonClicked.addListener(handlers.button);
  if (handlers.click) browser.notifications.onClicked.addListener(handlers.click);
}
