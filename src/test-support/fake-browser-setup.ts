// Unit tests run against @webext-core/fake-browser, an in-memory WebExtension API. The few APIs the
// fake leaves out are filled in here the way Chromium behaves.
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, vi } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import messages from '../../public/_locales/en/messages.json' with { type: 'json' };
import type { Handlers } from '../platform/messages.ts';

// webextension-polyfill (behind `platform/browser.ts`) loads only inside an extension (`chrome.runtime.id`)
// and hands out a `browser` namespace that is already there, as on Firefox: here, the fake.
Object.assign(globalThis, { browser: fakeBrowser, chrome: fakeBrowser });

// happy-dom has no requestIdleCallback (WindowedRows renders its overscan in one): here the page is
// idle at once, as a browser with nothing else to do is, within the timeout asked for.
if (typeof window !== 'undefined' && !('requestIdleCallback' in window)) {
  Object.assign(window, {
    requestIdleCallback: (run: IdleRequestCallback) =>
      setTimeout(() => run({ didTimeout: false, timeRemaining: () => 0 })),
    cancelIdleCallback: (id: number) => clearTimeout(id),
  });
}

type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** Chromium's substitution rules: $NAME$ placeholders map to $1…$9 contents. */
export function formatMessage(key: string, substitutions: string | string[] = []): string {
  const entry = (messages as Catalogue)[key];
  if (!entry) return '';
  const subs = Array.isArray(substitutions) ? substitutions : [substitutions];
  const positional = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name: string) => {
    const placeholder = entry.placeholders?.[name.toLowerCase()];
    return placeholder ? positional(placeholder.content) : whole;
  });
}

/** The sender Chromium reports for one of our own extension pages. */
export const popupSender = () => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('src/popup/index.html'),
});

/** The offscreen documents open (their URLs), as Chromium keeps them: at most one per extension. */
export const offscreenDocuments: string[] = [];

/** Chromium's `chrome.offscreen` and `runtime.getContexts`, which the fake leaves out (platform/offscreen.ts). */
const offscreen = {
  Reason: { LOCAL_STORAGE: 'LOCAL_STORAGE' },
  createDocument: async ({ url }: { url: string }) => {
    if (offscreenDocuments.length > 0) throw new Error('Only a single offscreen document may be created.');
    offscreenDocuments.push(fakeBrowser.runtime.getURL(url));
  },
};
const getContexts = async ({
  contextTypes = [],
  documentUrls,
}: {
  contextTypes?: string[];
  documentUrls?: string[];
}) =>
  contextTypes.includes('OFFSCREEN_DOCUMENT')
    ? offscreenDocuments
        .filter((url) => !documentUrls || documentUrls.includes(url))
        .map((documentUrl) => ({ contextType: 'OFFSCREEN_DOCUMENT', documentUrl }))
    : [];

/** Host permissions as an installed extension has them: the manifest's hosts, plus what the user allowed since. */
export const grantedOrigins = new Set<string>();
export const permissionPrompts: string[][] = [];

function install(): void {
  // Builds replace `__TARGET__` with a constant (vite.config.ts); tests run as the Chromium build
  // and may stub it to 'firefox' to exercise Firefox's branch.
  vi.stubGlobal('__TARGET__', 'chromium');
  grantedOrigins.clear();
  for (const origin of manifest.host_permissions) grantedOrigins.add(origin);
  permissionPrompts.length = 0;
  offscreenDocuments.length = 0;
  Object.assign(fakeBrowser, {
    offscreen,
    permissions: {
      contains: async ({ origins = [] }: { origins?: string[] }) => origins.every((o) => grantedOrigins.has(o)),
      request: async ({ origins = [] }: { origins?: string[] }) => {
        permissionPrompts.push(origins);
        for (const origin of origins) grantedOrigins.add(origin);
        return true;
      },
    },
  });
  Object.assign(fakeBrowser.i18n, {
    getMessage: formatMessage,
    getUILanguage: () => 'en-US',
  });
  Object.assign(fakeBrowser.runtime, {
    getManifest: () => ({ ...manifest, version: '9.9.9' }),
    getContexts,
    ContextType: { OFFSCREEN_DOCUMENT: 'OFFSCREEN_DOCUMENT' },
    openOptionsPage: vi.fn(async () => {}),
    // The fake passes an empty sender; Chromium reports the sending page. The answer is the first
    // listener's promise (the fake awaits them all); nobody answering rejects as Chromium does.
    sendMessage: async (message: unknown) => {
      const replies: unknown[] = await fakeBrowser.runtime.onMessage.trigger(message, popupSender(), () => {});
      const answered = replies.find((reply) => reply !== undefined);
      if (answered === undefined) throw new Error('Could not establish connection. Receiving end does not exist.');
      return answered;
    },
  });
}

install();
beforeEach(() => {
  fakeBrowser.reset();
  install();
});

/** Handlers for the messages a test cares about; any other message gets "unknown message". */
export function someHandlers(handlers: Partial<Handlers>): Handlers {
  return handlers as Handlers;
}
