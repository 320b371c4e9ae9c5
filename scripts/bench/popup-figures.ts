import type { Page } from 'playwright-core';
import { PAINT_MARKS } from '../../src/popup/paint-marks.ts';
import { until } from '../demo-wait.ts';
import { graphRequests, traffic } from './request-log.ts';
import { type BenchStack, cachedItems, markTime, openPopupTab, POPUP, timeOrigin } from './session.ts';

// Figures 1–4 and the popup half of 7: each opens the real popup page of the production build and
// reads the times from the page itself (User Timing marks, performance.now) and the emulator's log.

const popupUrl = (stack: BenchStack) => stack.ext.url(POPUP);
const QUIET_MS = 1_000;

export interface WarmOpen {
  /** Navigation start → the cached list painted. */
  ms: number;
  /** Navigation start → the page's HTML parsed: the browser's part, before any of our code runs. */
  htmlParsedMs: number;
  /** The list painted was the last popup's first screen (src/popup/list-head.ts). */
  fromHead: boolean;
}

/**
 * 1. Warm open: navigation start → the cached list painted, and how much of that the page load
 * takes; of the popup, or of the floor page (floor/floor.js), which paints the same list as plainly
 * as an extension page can.
 */
export async function warmOpen(stack: BenchStack, path = POPUP): Promise<WarmOpen> {
  const page = await openPopupTab(stack);
  try {
    await page.goto(stack.ext.url(path));
    const ms = await markTime(page, PAINT_MARKS.list);
    // Extension resources have no Resource Timing entries; the navigation entry says when the
    // browser had the page parsed, before its module script (our code) ran.
    const { htmlParsedMs, fromHead } = await page.evaluate((fromHead) => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { htmlParsedMs: navigation.domInteractive, fromHead: performance.getEntriesByName(fromHead).length > 0 };
    }, PAINT_MARKS.fromHead);
    // Left open as a user leaves it, not closed the moment it painted: long enough for its work
    // after the paint, of which the next open's figure depends on one part, the first screen it
    // saves for the next popup (src/popup/list-head.ts). Closed at once, a 1,000-group popup never
    // saved it, and every open measured a path users take only after the list changed.
    if (path === POPUP) await firstScreenSaved(page);
    return { ms, htmlParsedMs, fromHead };
  } finally {
    await page.close();
  }
}

/** Waits (at most 10 s) until the stored first screen is the stored list's (the same revision). */
async function firstScreenSaved(page: Page): Promise<void> {
  await until('the popup to save its first screen for the next one', 10_000, () =>
    page.evaluate(async () => {
      const stored = await chrome.storage.local.get(['cache:listStamp', 'cache:listHead']);
      const stamp = stored['cache:listStamp'] as { revision?: string } | undefined;
      const head = JSON.parse((stored['cache:listHead'] as string | undefined) ?? 'null') as {
        revision?: string;
      } | null;
      return stamp?.revision !== undefined && head?.revision === stamp.revision ? true : undefined;
    }),
  );
}

export interface ToolbarOpen extends Omit<WarmOpen, 'fromHead'> {
  /** `action.openPopup()` called → the popup's navigation start: the browser's part, before the page loads. */
  navigationMs: number;
  /**
   * `action.openPopup()` called → the popup's first frame on screen (`first-contentful-paint`): a
   * toolbar popup is shown once its page has loaded, and its first frame comes after the list's.
   */
  presentedMs: number;
}

/**
 * 1b. The real toolbar popup: `action.openPopup()` from the benchmark's extension page in the
 * focused window (what a click on the toolbar button asks of the browser) → the cached list
 * painted, split as the warm open is, with the browser's part before the popup's navigation and
 * the first frame on screen. The floor page is opened as the toolbar popup too (`action.setPopup`,
 * put back after). The popup is read through `extension.getViews` (same extension, same process)
 * and closed. Times between the two pages are compared on their `performance.timeOrigin`.
 */
export async function toolbarOpen(stack: BenchStack, path = POPUP): Promise<ToolbarOpen> {
  await stack.page.bringToFront();
  const calledAt = await stack.page.evaluate(async (path) => {
    await chrome.action.setPopup({ popup: path });
    const at = performance.timeOrigin + performance.now();
    await chrome.action.openPopup();
    return at;
  }, path);
  try {
    const shown = await stack.page.waitForFunction(
      (mark) => {
        const view = chrome.extension.getViews({ type: 'popup' })[0];
        const timeline = view?.performance;
        const painted = timeline?.getEntriesByName(mark, 'mark')[0];
        const presented = timeline?.getEntriesByName('first-contentful-paint')[0];
        if (!timeline || !painted || !presented) return undefined;
        const navigation = timeline.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return {
          origin: timeline.timeOrigin,
          paintedMs: painted.startTime,
          presentedMs: presented.startTime,
          htmlParsedMs: navigation.domInteractive,
        };
      },
      PAINT_MARKS.list,
      { timeout: 30_000, polling: 'raf' },
    );
    const popup = (await shown.jsonValue()) as {
      origin: number;
      paintedMs: number;
      presentedMs: number;
      htmlParsedMs: number;
    };
    const navigationMs = popup.origin - calledAt;
    return {
      ms: navigationMs + popup.paintedMs,
      navigationMs,
      htmlParsedMs: popup.htmlParsedMs,
      presentedMs: navigationMs + popup.presentedMs,
    };
  } finally {
    await stack.page.evaluate(async (popup) => {
      for (const view of chrome.extension.getViews({ type: 'popup' })) view.close();
      await chrome.action.setPopup({ popup });
    }, POPUP);
  }
}

export interface ColdOpen {
  /** Navigation start → the first rows read from Graph painted (a large list's first pages, issue 19). */
  ms: number;
  /** Graph requests and sequential round trips before that paint. */
  beforePaint: { requests: number; roundTrips: number };
  /** Navigation start → the complete list painted (the same paint when one page holds it). */
  completeMs: number;
  /** Graph requests and sequential round trips before the complete list's paint. */
  beforeComplete: { requests: number; roundTrips: number };
  /** All Graph requests of the open, the policy prefetch after the paint included. */
  total: { requests: number; roundTrips: number };
}

/**
 * Removes the cached list (with its stamp and the popup's first screen of it) and policies and the
 * last refresh time: a signed-in user with an empty cache.
 */
async function emptyCache(stack: BenchStack): Promise<void> {
  await stack.page.evaluate(async () => {
    const list = ['cache:snapshot', 'cache:listStamp', 'cache:listHead', 'cache:partialList'];
    await chrome.storage.local.remove([...list, 'cache:policies']);
    await chrome.storage.session.remove('session:refresh');
  });
}

async function policiesCached(stack: BenchStack): Promise<number> {
  return stack.page.evaluate(async () => {
    // Stored as one JSON string (packed: platform/storage.ts).
    const policies = (await chrome.storage.local.get('cache:policies'))['cache:policies'] as string | undefined;
    return Object.keys(JSON.parse(policies ?? '{}')).length;
  });
}

/**
 * Waits until the background is done: no refresh running, `ready()` true, and Graph quiet for a
 * second (many times the latency). Returns the Graph requests logged meanwhile.
 */
export async function settled(stack: BenchStack, ready: () => Promise<boolean> = async () => true) {
  let seen = -1;
  let quietSince = Date.now();
  return until('the background to finish its Graph calls', 120_000, async () => {
    const entries = graphRequests(await stack.log());
    if (entries.length !== seen) {
      seen = entries.length;
      quietSince = Date.now();
    }
    const refreshing = await stack.page.evaluate(async () => {
      const status = (await chrome.storage.session.get('session:refresh'))['session:refresh'] as
        | { refreshing?: boolean }
        | undefined;
      return status?.refreshing === true;
    });
    return Date.now() - quietSince >= QUIET_MS && !refreshing && (await ready()) ? entries : undefined;
  });
}

/**
 * When the complete list was painted, if the fresh list was only its first pages (issue 19): the
 * background names such a list in `cache:partialList` and clears the name once the complete list
 * is stored; the list is on screen a frame after that (two animation frames: ± one frame). Null
 * when the fresh list was the complete one. (No paint mark of its own: the popup's first paint has
 * no bytes to spare for telling the two apart.)
 */
function completeListTime(page: Page): Promise<number | null> {
  return page.evaluate(
    () =>
      new Promise<number | null>((resolve) => {
        let first = true;
        const check = async () => {
          const named = (await chrome.storage.local.get('cache:partialList'))['cache:partialList'];
          if (named) {
            first = false;
            setTimeout(check, 4);
          } else if (first) resolve(null);
          else requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
        };
        void check();
      }),
  );
}

/**
 * 2. Cold open: empty cache → the first rows painted (the fresh-list mark), then the complete list;
 * then waits for the policy prefetch to finish.
 */
export async function coldOpen(stack: BenchStack): Promise<ColdOpen> {
  await settled(stack);
  await emptyCache(stack);
  await stack.clearLog();
  const page = await openPopupTab(stack);
  try {
    await page.goto(popupUrl(stack));
    const ms = await markTime(page, PAINT_MARKS.freshList);
    const completeMs = (await completeListTime(page)) ?? ms;
    const origin = await timeOrigin(page);
    // The policies follow the list (needed only to activate).
    const log = await settled(stack, async () => (await policiesCached(stack)) > 0);
    // Answered before the paint: what the paint can have waited for. (A later page sent as the
    // first rows are stored, and still under way as they paint, is not.)
    const before = (at: number) =>
      log.filter((e) => Date.parse(e.startedAt) + e.durationMs - stack.clockSkewMs() <= origin + at);
    return {
      ms,
      beforePaint: traffic(before(ms)),
      completeMs,
      beforeComplete: traffic(before(completeMs)),
      total: traffic(log),
    };
  } finally {
    await page.close();
  }
}

/** Eligible (group, access) pairs in the cached list. */
export async function eligibleCount(stack: BenchStack): Promise<number> {
  return stack.page.evaluate(async () => {
    const snapshot = JSON.parse(
      ((await chrome.storage.local.get('cache:snapshot'))['cache:snapshot'] as string | undefined) ?? 'null',
    ) as { items: Array<{ eligible?: unknown }> } | undefined;
    return snapshot?.items.filter((i) => i.eligible).length ?? 0;
  });
}

export interface Activation {
  /** Click → the activation POST arrived at the emulator. */
  requestSentMs: number;
  /** Click → the row says "Active until …", painted. */
  activeShownMs: number;
}

/**
 * 3. Activate: one click on a group's Activate button in the popup. `beforeClick` runs once the
 * button is there (the second series lets the refresh the popup asked for finish, as a user reading
 * the list would).
 */
export async function activate(
  stack: BenchStack,
  group: { id: string; name: string },
  beforeClick: () => Promise<unknown> = async () => {},
): Promise<Activation> {
  const page = await openPopupTab(stack);
  try {
    await page.goto(popupUrl(stack));
    await markTime(page, PAINT_MARKS.list);
    const button = page.getByRole('button', { name: `Activate ${group.name} as member`, exact: true });
    // A long list renders only the rows near the viewport (WindowedRows.tsx): the group is found as a
    // user with a thousand groups finds it, by typing its name in the search box (not timed).
    await page.locator('#groups > li[data-key]').first().waitFor({ timeout: 30_000 });
    if ((await button.count()) === 0) await page.locator('#search').fill(group.name);
    await button.waitFor({ timeout: 30_000 });
    await beforeClick();
    await stack.clearLog();
    // Clicked inside the page so the click's time is the page's, not the remote-control round trip's.
    const timing = await button.evaluate(async (element) => {
      const key = element.closest<HTMLElement>('li[data-key]')?.dataset.key ?? '';
      const selector = `li[data-key="${CSS.escape(key)}"] .row__state`;
      const clickedAt = performance.now();
      (element as HTMLButtonElement).click();
      await new Promise<void>((resolve) => {
        const observer = new MutationObserver(() => {
          if (!document.querySelector(selector)?.textContent?.startsWith('Active until')) return;
          observer.disconnect();
          resolve();
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      // Shown = painted: the frame after the change.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return { clickedAt: performance.timeOrigin + clickedAt, activeShownMs: performance.now() - clickedAt };
    });
    const post = (await stack.log()).find((e) => e.method === 'POST' && e.path.includes('assignmentScheduleRequests'));
    if (!post) throw new Error('the activation POST never reached the emulator');
    const arrived = Date.parse(post.startedAt) - stack.clockSkewMs();
    return { requestSentMs: arrived - timing.clickedAt, activeShownMs: timing.activeShownMs };
  } finally {
    await page.close();
  }
}

/** The popup with its list painted as a user has it (windowed when long, WindowedRows.tsx). */
async function popupWithList(stack: BenchStack, rows: number): Promise<Page> {
  const page = await openPopupTab(stack);
  await page.goto(popupUrl(stack));
  await markTime(page, PAINT_MARKS.list);
  // The list as a user has it: every row of a short list, or the windowed rows of a long one
  // (WindowedRows.tsx, with its spacer), each saying it is one of `rows`.
  await page.waitForFunction(
    (rows) => {
      const shown = document.querySelectorAll('#groups > li[data-key]');
      const windowed = document.querySelector('#groups > li.rows__spacer') !== null;
      return shown[0]?.getAttribute('aria-setsize') === String(rows) && (windowed || shown.length === rows);
    },
    rows,
    { timeout: 30_000 },
  );
  return page;
}

/**
 * 4. Filter: each keystroke of typing `query` into the search box and then deleting it again →
 * the list re-rendered and laid out (script, style and layout; the compositor's raster after that
 * is not included). Returns one duration per keystroke. The first key goes `pauseMs` after the
 * whole list is there: at once, or as a user types, who first sees the popup.
 */
export async function filter(stack: BenchStack, query: string, pauseMs = 0): Promise<number[]> {
  const rows = (await cachedItems(stack.page)) ?? 0;
  const page = await popupWithList(stack, rows);
  try {
    return await page.evaluate(
      async ({ query, pauseMs }) => {
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
        const input = document.querySelector<HTMLInputElement>('#search');
        const list = document.querySelector<HTMLElement>('#groups');
        if (!input || !list) throw new Error('no search box or list');
        const texts = [...query].map((_, i) => query.slice(0, i + 1));
        const steps = [...texts, ...texts.slice(0, -1).reverse(), ''];
        const times: number[] = [];
        for (const text of steps) {
          const start = performance.now();
          input.value = text;
          input.dispatchEvent(new InputEvent('input', { bubbles: true, data: text.slice(-1) }));
          // Preact renders in a microtask; a zero timeout runs after it. Reading a size forces style and layout.
          await new Promise((resolve) => setTimeout(resolve, 0));
          void list.offsetHeight;
          times.push(performance.now() - start);
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        }
        return times;
      },
      { query, pauseMs },
    );
  } finally {
    await page.close();
  }
}

/** 7. The popup's JS heap (after a garbage collection) with the list rendered (windowed when long). */
export async function popupHeap(stack: BenchStack): Promise<number> {
  const rows = (await cachedItems(stack.page)) ?? 0;
  const page = await popupWithList(stack, rows);
  try {
    const cdp = await stack.ext.context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    await cdp.detach();
    return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
  } finally {
    await page.close();
  }
}
