// Accessibility checks shared by the accessibility e2e files: axe-core over a page in both colour
// schemes, and what a keyboard user sees of the focus.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** WCAG 2.0/2.1 A and AA, WCAG 2.2 AA, and axe's best practices (issue 10). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** How long `expect.poll` waits for what follows a key press or a click (the machine may be busy). */
export const SOON = { timeout: 10_000 };

/** The page's axe violations, one line per rule and element, so a failure says what to fix. */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ')}`),
  );
}

/**
 * Runs axe over the page as it is now in the light and the dark colour scheme (contrast differs),
 * and expects no violations in either. Leaves the page in the light scheme.
 */
export async function expectAccessible(page: Page, state: string, include?: string): Promise<void> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // The theme's colours are what axe's contrast rule measures: make sure the page sees the scheme.
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
    for (const line of await axeViolations(page, include)) found.push(`${state}, ${colorScheme}: ${line}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  expect(found).toEqual([]);
}

export interface FocusSeen {
  /** The focused element's accessible-ish name: aria-label, else id, else its text. */
  name: string;
  tag: string;
  /** It draws an outline or a box shadow now. */
  indicated: boolean;
  /** Contrast of the focus outline against what is behind it (WCAG 1.4.11 asks for 3:1). */
  contrast: number;
}

/** What the keyboard focus is on now, and how well a sighted keyboard user can see it. */
export function focusSeen(page: Page): Promise<FocusSeen> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { name: '(body)', tag: 'body', indicated: false, contrast: 0 };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    // The computed style is what is drawn now: `:focus-visible` rules apply only when it matches.
    const indicated = outline || style.boxShadow !== 'none';
    const rgba = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    // An outline drawn inside the element (negative offset) sits on the element's background,
    // otherwise on its parent's: the first opaque background from there up.
    let behind: HTMLElement | null = Number.parseFloat(style.outlineOffset) < 0 ? el : el.parentElement;
    let background = [255, 255, 255];
    while (behind) {
      const [r, g, b, a = 1] = rgba(getComputedStyle(behind).backgroundColor);
      if (a > 0) {
        background = [r ?? 0, g ?? 0, b ?? 0];
        break;
      }
      behind = behind.parentElement;
    }
    const [l1, l2] = [luminance(rgba(style.outlineColor)), luminance(background)].sort((x, y) => y - x);
    const contrast = ((l1 ?? 0) + 0.05) / ((l2 ?? 0) + 0.05);
    const name = el.getAttribute('aria-label') || el.id || (el.textContent ?? '').trim().slice(0, 60);
    return { name, tag: el.tagName.toLowerCase(), indicated, contrast: outline ? contrast : 0 };
  });
}

/**
 * Expects the focus to be on a control a sighted keyboard user can see: an outline (or shadow) with at least 3:1 contrast. Headings that take focus only so a screen
 * reader starts there (`tabindex="-1"`, not controls) are left out, as WCAG 2.4.7 concerns
 * operable components. Returns what has the focus.
 */
export async function expectVisibleFocus(page: Page): Promise<FocusSeen> {
  const seen = await focusSeen(page);
  if (/^h[1-6]$/.test(seen.tag)) return seen;
  expect(seen, `focus on ${seen.tag} "${seen.name}": ${JSON.stringify(seen)}`).toMatchObject({ indicated: true });
  expect(seen.contrast, `focus outline contrast on ${seen.tag} "${seen.name}"`).toBeGreaterThanOrEqual(3);
  return seen;
}

/**
 * Presses a key, then expects the focus to be visible wherever it went. A key that replaces what
 * had the focus (a form that closes, a list that re-renders) may pass through the page's body for
 * a moment, but must land on something: focus left on the body is lost for a keyboard user.
 */
export async function press(page: Page, key: string): Promise<FocusSeen> {
  await page.keyboard.press(key);
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.tagName ?? 'none'), {
      ...SOON,
      message: `focus after ${key}`,
    })
    .not.toBe('BODY');
  return expectVisibleFocus(page);
}

/** Presses Tab (or Shift+Tab) until `target` has the focus, checking every stop on the way. */
export async function tabTo(page: Page, target: Locator, options: { back?: boolean; max?: number } = {}) {
  const stops: string[] = [];
  for (let i = 0; i < (options.max ?? 40); i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return stops;
    stops.push((await press(page, options.back ? 'Shift+Tab' : 'Tab')).name);
  }
  throw new Error(`Tab never reached the target; it went through: ${stops.join(' → ')}`);
}

/** Contrast of a text field's placeholder against the field (axe does not check placeholders). */
export function placeholderContrast(field: Locator): Promise<number> {
  return field.evaluate((el) => {
    const rgba = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    const [pr = 0, pg = 0, pb = 0, pa = 1] = rgba(getComputedStyle(el, '::placeholder').color);
    const alpha = pa * Number(getComputedStyle(el, '::placeholder').opacity);
    const [br = 255, bg = 255, bb = 255] = rgba(getComputedStyle(el).backgroundColor);
    // A translucent placeholder shows the field's background through it.
    const mix = (p: number, b: number) => p * alpha + b * (1 - alpha);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const text = luminance([mix(pr, br), mix(pg, bg), mix(pb, bb)]);
    const back = luminance([br, bg, bb]);
    return (Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05);
  });
}
