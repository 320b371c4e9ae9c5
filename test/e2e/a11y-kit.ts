// Accessibility checks shared by the accessibility e2e files: axe-core over a page in both colour
// schemes, and what a keyboard user sees of the focus.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** WCAG 2.0/2.1 A and AA, WCAG 2.2 AA, and axe's best practices (issue 10). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

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
