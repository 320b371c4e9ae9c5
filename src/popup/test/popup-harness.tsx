// Shared set-up for the popup's component tests: a configured, signed-in user, a cached list, and
// a mounted popup with helpers to find rows and press keys.
import { fakeBrowser } from '@webext-core/fake-browser';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { expect, vi } from 'vitest';
import type { GroupItem } from '../../core/pim-state.ts';
import { accountsItem } from '../../platform/items.ts';
import { snapshotItem } from '../../platform/pim-items.ts';
import { App } from '../App.tsx';

export { item } from '../../test-support/group-items.ts';

import { loadDeferredParts } from '../components/LazyParts.tsx';
import { loadIntents } from '../useActions.ts';

export const account = { id: 'oid.tid', username: 'adele@contoso.com', name: 'Adele Vance', tenantId: 'tid' };
export const NOW = Date.now();
export const HOUR = 3_600_000;

export async function configure(options: { signedIn?: boolean } = {}): Promise<void> {
  await fakeBrowser.storage.managed.set({ tenant: 'contoso.com', clientId: '3b8e6f2a-91c4-4a57-b0d2-6c1e9f4a7d35' });
  if (options.signedIn !== false) await accountsItem.set({ activeId: account.id, known: [account] });
}

export async function cache(items: GroupItem[], fetchedAtMs = NOW): Promise<void> {
  await snapshotItem.set({ accountId: account.id, fetchedAtMs, items });
}

export interface Mounted {
  root: HTMLElement;
  unmount(): void;
  rows(): HTMLLIElement[];
  names(): string[];
  row(name: string, access?: 'member' | 'owner'): HTMLLIElement;
  button(row: HTMLElement, name: RegExp | string): HTMLButtonElement;
  click(element: Element | null | undefined): Promise<void>;
  key(element: Element | null, key: string, init?: KeyboardEventInit): Promise<KeyboardEvent>;
  type(element: Element | null, value: string): Promise<void>;
  announcement(): string;
}

const mounted = new Set<HTMLElement>();

/** Unmounts every popup a test mounted (their timers and document listeners go with them) and empties the page. */
export function cleanup(): void {
  for (const root of mounted) render(null, root);
  mounted.clear();
  document.body.innerHTML = '';
}

export async function mount(options: { waitForRows?: boolean } = {}): Promise<Mounted> {
  const root = document.createElement('div');
  document.body.append(root);
  mounted.add(root);
  // The popup fetches its lazy chunks ahead once it has painted; load them here so that no import
  // is still in flight when a short test ends and its environment is torn down.
  await Promise.all([loadIntents(), loadDeferredParts()]);
  render(<App />, root);
  const rows = () => Array.from(root.querySelectorAll<HTMLLIElement>('li[data-key]'));
  const m: Mounted = {
    root,
    unmount: () => {
      render(null, root);
      mounted.delete(root);
    },
    rows,
    names: () =>
      rows().map((r) => `${r.querySelector('.row__name')?.textContent}/${r.querySelector('.badge')?.textContent}`),
    row(name, access = 'member') {
      const found = rows().find(
        (r) =>
          r.querySelector('.row__name')?.textContent === name &&
          r.querySelector('.badge')?.getAttribute('data-access') === access,
      );
      if (!found) throw new Error(`no row ${name}/${access} in ${m.names().join(', ')}`);
      return found;
    },
    button(row, name) {
      const found = Array.from(row.querySelectorAll('button')).find((b) => {
        const label = b.getAttribute('aria-label') ?? b.textContent ?? '';
        return typeof name === 'string' ? label === name : name.test(label);
      });
      if (!found) throw new Error(`no button ${name}`);
      return found;
    },
    click: (element) =>
      act(() => {
        (element as HTMLElement).click();
      }),
    async key(element, key, init = {}) {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
      await act(() => {
        element?.dispatchEvent(event);
      });
      return event;
    },
    type: (element, value) =>
      act(() => {
        const input = element as HTMLInputElement;
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }),
    announcement: () => root.querySelector('[aria-live=polite]')?.textContent ?? '',
  };
  if (options.waitForRows !== false) {
    await vi.waitFor(() => expect(rows().length).toBeGreaterThan(0));
    // The popup starts reading the cached policies a frame and a task after its list's data
    // (usePopupData.ts). A user's first click comes after that; so do the tests'. Not a sleep: this
    // frame and task are queued after the popup's, and the fake storage answers in microtasks, so
    // the read is in when they run. (Under fake timers the test's own clock decides.)
    if (!vi.isFakeTimers()) {
      await act(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
    }
  }
  return m;
}
