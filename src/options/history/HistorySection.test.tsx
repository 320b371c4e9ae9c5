// @vitest-environment happy-dom
import { fakeBrowser } from '@webext-core/fake-browser';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearHistory } from '../../background/history.ts';
import type { HistoryEntry } from '../../core/history.ts';
import { historyItem, historyRetentionItem } from '../../platform/history-items.ts';
import { listenForMessages } from '../../platform/messages.ts';
import { someHandlers } from '../../test-support/fake-browser-setup.ts';
import { HistorySection } from './HistorySection.tsx';

const entry = (id: string, groupName: string, requestedAtMs: number, patch: Partial<HistoryEntry> = {}) => ({
  id,
  groupId: `g-${id}`,
  groupName,
  accessId: 'member' as const,
  requestedAtMs,
  startMs: requestedAtMs,
  durationMinutes: 60,
  justification: 'INC-1',
  outcome: 'active' as const,
  ...patch,
});

// The background clears the history (it writes the key).
let stopBackground = () => {};
beforeEach(() => {
  stopBackground = listenForMessages(someHandlers({ clearHistory }));
});
afterEach(() => stopBackground());

async function mount() {
  const root = document.createElement('div');
  document.body.append(root);
  render(<HistorySection />, root);
  await vi.waitFor(() => expect(root.querySelector('#history-retention')).not.toBeNull());
  return root;
}
const button = (root: Element, name: string) =>
  [...root.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent)?.startsWith(name));
const groupColumn = (root: Element) => [...root.querySelectorAll('tbody th')].map((th) => th.textContent);

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the history section', () => {
  it('says so when there is nothing, with export and clear disabled', async () => {
    const root = await mount();
    expect(root.textContent).toContain('No activations yet.');
    expect(button(root, 'Export CSV')?.disabled).toBe(true);
    expect(button(root, 'Clear history')?.disabled).toBe(true);
  });

  it('lists entries newest first in a table, and sorts oldest first from the column header', async () => {
    const now = Date.now();
    await historyItem.set([
      entry('2', 'SG-Newer', now, { outcome: 'failed', error: 'This group allows at most 1 hour.' }),
      entry('1', 'SG-Older', now - 3_600_000),
    ]);
    const root = await mount();
    await vi.waitFor(() => expect(groupColumn(root)).toEqual(['SG-Newer', 'SG-Older']));
    expect(root.querySelector('caption')?.textContent).toBe('Activation history, newest first');
    expect(root.querySelector('tbody tr')?.textContent).toContain('FailedThis group allows at most 1 hour.');
    const header = root.querySelector('thead th');
    expect(header?.getAttribute('aria-sort')).toBe('descending');
    await act(() => button(root, 'Requested, newest first')?.click());
    expect(header?.getAttribute('aria-sort')).toBe('ascending');
    expect(groupColumn(root)).toEqual(['SG-Older', 'SG-Newer']);
  });

  it('exports the entries as CSV', async () => {
    await historyItem.set([entry('1', '=SG-Formula', Date.UTC(2026, 10, 30, 9))]);
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const root = await mount();
    await act(() => button(root, 'Export CSV')?.click());
    const csv = await blobs[0]?.text();
    expect(csv?.split('\r\n')[1]).toBe(
      "2026-11-30T09:00:00.000Z,'=SG-Formula,g-1,Member,2026-11-30T09:00:00.000Z,60,INC-1,,,Active,",
    );
    expect(root.querySelector('[role="status"]')?.textContent).toMatch(
      /^Downloaded pim-history-\d{4}-\d\d-\d\d\.csv with 1 entries\.$/,
    );
  });

  it('clears only after the user confirms', async () => {
    await historyItem.set([entry('1', 'SG-One', Date.now())]);
    const root = await mount();
    await vi.waitFor(() => expect(groupColumn(root)).toEqual(['SG-One']));
    await act(() => button(root, 'Clear history')?.click());
    expect(root.querySelector('legend')?.textContent).toBe('Delete all 1 entries? This cannot be undone.');
    await act(() => button(root, 'Keep it')?.click());
    expect(await historyItem.get()).toHaveLength(1);
    await act(() => button(root, 'Clear history')?.click());
    await act(() => button(root, 'Delete history')?.click());
    await vi.waitFor(async () => expect(await historyItem.get()).toEqual([]));
    await vi.waitFor(() => expect(root.textContent).toContain('No activations yet.'));
  });

  it('saves the retention, unless the organisation set it', async () => {
    const root = await mount();
    const select = root.querySelector('#history-retention') as HTMLSelectElement;
    expect(select.value).toBe('90');
    await act(() => {
      select.value = '30';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await vi.waitFor(async () => expect(await historyRetentionItem.get()).toBe(30));

    await fakeBrowser.storage.managed.set({ historyRetentionDays: 7 });
    await vi.waitFor(() => expect(select.value).toBe('7'));
    expect(select.disabled).toBe(true);
    expect(root.querySelector('#history-retention-locked')?.textContent).toBe("Set by your organisation's policy.");
  });
});
