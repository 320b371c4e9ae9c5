import { browser } from './browser.ts';

export interface BadgeState {
  /** At most 4 characters; empty hides the badge. */
  text: string;
  /** CSS hex colour, e.g. "#0F6CBD". */
  color: string;
  /** The toolbar button's tooltip. */
  title: string;
}

export async function showBadge({ text, color, title }: BadgeState): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ text }),
    browser.action.setBadgeBackgroundColor({ color }),
    browser.action.setTitle({ title }),
  ]);
}

export async function clearBadge(title: string): Promise<void> {
  await Promise.all([browser.action.setBadgeText({ text: '' }), browser.action.setTitle({ title })]);
}

function toHex(rgba: number[]): string {
  return `#${rgba
    .slice(0, 3)
    .map((c) => c.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase()}`;
}

/** What the toolbar shows now. */
export async function readBadge(): Promise<BadgeState> {
  const [text, color, title] = await Promise.all([
    browser.action.getBadgeText({}),
    browser.action.getBadgeBackgroundColor({}),
    browser.action.getTitle({}),
  ]);
  return { text, color: toHex(color), title };
}
