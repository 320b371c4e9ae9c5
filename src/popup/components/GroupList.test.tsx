// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivationRequest } from '../../core/pim-state.ts';
import { listenForMessages } from '../../platform/messages.ts';
import { activationMemoryItem, favouritesItem, policiesItem, recentItem } from '../../platform/pim-items.ts';
import { someHandlers } from '../../test-support/fake-browser-setup.ts';
import { cache, cleanup, configure, HOUR, item, type Mounted, mount, NOW } from '../test/popup-harness.tsx';

const items = [
  item('SG-Prod-SQL-Admins'),
  item('Équipe Données'),
  item('SG-Dev-Readers'),
  item('SG-Prod-SQL-Admins', { accessId: 'owner', groupId: 'id-SG-Prod-SQL-Admins' }),
  item('App-Contributors'),
];
const search = (m: Mounted) => m.root.querySelector<HTMLInputElement>('input[type=search]');
const tabStops = (m: Mounted) => m.rows().filter((r) => r.tabIndex === 0);

let activate: ReturnType<typeof vi.fn<(r: ActivationRequest) => { status: 'active'; endMs: number }>>;
beforeEach(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await configure();
  await cache(items);
  activate = vi.fn(() => ({ status: 'active' as const, endMs: NOW + HOUR }));
  listenForMessages(someHandlers({ activate, refresh: () => undefined }));
});
afterEach(cleanup);

describe('ordering and search', () => {
  it('lists favourites first, then recently used, then the rest alphabetically', async () => {
    await favouritesItem.set([items[2]?.key ?? '']);
    await recentItem.set({ [items[4]?.key ?? '']: NOW - HOUR, [items[1]?.key ?? '']: NOW });
    const m = await mount();
    expect(m.names()).toEqual([
      'SG-Dev-Readers/Member',
      'Équipe Données/Member',
      'App-Contributors/Member',
      'SG-Prod-SQL-Admins/Member',
      'SG-Prod-SQL-Admins/Owner',
    ]);
  });

  it('the star writes the favourites and moves the row to the top', async () => {
    const m = await mount();
    const star = m.button(m.row('SG-Prod-SQL-Admins', 'owner'), 'Pin SG-Prod-SQL-Admins as owner to the top');
    expect(star.getAttribute('aria-pressed')).toBe('false');
    await m.click(star);
    await vi.waitFor(() => expect(m.names()[0]).toBe('SG-Prod-SQL-Admins/Owner'));
    expect(await favouritesItem.get()).toEqual([items[3]?.key]);
    expect(m.button(m.row('SG-Prod-SQL-Admins', 'owner'), /^Pin/).getAttribute('aria-pressed')).toBe('true');
    await m.click(m.button(m.row('SG-Prod-SQL-Admins', 'owner'), /^Pin/));
    await vi.waitFor(async () => expect(await favouritesItem.get()).toEqual([]));
    await vi.waitFor(() => expect(m.names()[0]).toBe('App-Contributors/Member'));
  });

  it('filters as you type, ignoring case and accents, and says when nothing matches', async () => {
    const m = await mount();
    await m.type(search(m), 'equipe');
    expect(m.names()).toEqual(['Équipe Données/Member']);
    await m.type(search(m), 'PROD sql');
    expect(m.names()).toEqual(['SG-Prod-SQL-Admins/Member', 'SG-Prod-SQL-Admins/Owner']);
    await m.type(search(m), 'nothing');
    expect(m.rows()).toHaveLength(0);
    expect(m.root.textContent).toContain('No group matches “nothing”.');
    await m.type(search(m), '');
    expect(m.rows()).toHaveLength(5);
  });

  it('renders only the rows near the viewport of 1,000, filters them all, and keeps row elements across keystrokes', async () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      item(`SG-${String(i).padStart(4, '0')}-${i % 2 ? 'Ops' : 'Dev'}`),
    );
    await cache(many);
    const m = await mount();
    const spacer = () => m.root.querySelector<HTMLElement>('li.rows__spacer');
    // The viewport and one viewport each way, at 52 px a row before any is measured (this DOM has
    // no layout): the rest is one spacer of their height, hidden from screen readers.
    const shown = Math.ceil((2 * innerHeight) / 52);
    await vi.waitFor(() => expect(m.rows()).toHaveLength(shown));
    expect(spacer()?.style.height).toBe(`${(1000 - shown) * 52}px`);
    expect(spacer()?.getAttribute('aria-hidden')).toBe('true');
    expect(m.rows().map((r) => [r.getAttribute('aria-posinset'), r.getAttribute('aria-setsize')])).toEqual(
      Array.from({ length: shown }, (_, i) => [String(i + 1), '1000']),
    );
    const kept = m.row('SG-0001-Ops');
    await m.type(search(m), 'ops');
    // A list of another length: the keystroke renders the rows on screen, and the rows below them
    // follow when the page is next idle.
    expect(m.rows()).toHaveLength(Math.ceil(innerHeight / 52));
    expect(m.names()[0]).toBe('SG-0001-Ops/Member');
    expect(m.rows()[0]?.getAttribute('aria-setsize')).toBe('500');
    await vi.waitFor(() => expect(m.rows()).toHaveLength(shown));
    // 50 matches, a short list: rendered whole, again the rows on screen first.
    await m.type(search(m), 'ops 00');
    expect(m.rows()).toHaveLength(Math.ceil(innerHeight / 52));
    await vi.waitFor(() => expect(m.rows()).toHaveLength(50));
    expect(spacer()).toBeNull();
    await m.type(search(m), 'ops 000');
    expect(m.names()).toEqual([
      'SG-0001-Ops/Member',
      'SG-0003-Ops/Member',
      'SG-0005-Ops/Member',
      'SG-0007-Ops/Member',
      'SG-0009-Ops/Member',
    ]);
    expect(spacer()).toBeNull();
    // Same element, not a new one: rows are keyed and memoised.
    expect(m.row('SG-0001-Ops')).toBe(kept);
  });

  it('windows a list of 61 and sends Ctrl+F to the search; renders a list of 60 whole and leaves Ctrl+F to the browser', async () => {
    const groups = (count: number) => Array.from({ length: count }, (_, i) => item(`SG-${String(i).padStart(2, '0')}`));
    await cache(groups(61));
    const m = await mount();
    await vi.waitFor(() => expect(m.root.querySelector('li.rows__spacer')).not.toBeNull());
    const ctrlF = async () => (await m.key(document.activeElement, 'f', { ctrlKey: true })).defaultPrevented;
    m.rows()[3]?.focus();
    // The listener comes with the windowed list's effect, a moment after its first render.
    await vi.waitFor(async () => expect(await ctrlF()).toBe(true));
    expect(document.activeElement).toBe(search(m));

    // One group fewer, same list and listener: rendered whole, and the browser's find is left alone.
    await cache(groups(60));
    await vi.waitFor(() => expect(m.rows()).toHaveLength(60));
    expect(m.root.querySelector('li.rows__spacer')).toBeNull();
    m.rows()[3]?.focus();
    expect(await ctrlF()).toBe(false);
    expect(document.activeElement).toBe(m.rows()[3]);
  });

  it('moves the keyboard to rows not rendered yet: End, Home, arrows and type-ahead over 1,000 rows', async () => {
    await cache(Array.from({ length: 1000 }, (_, i) => item(`SG-${String(i).padStart(4, '0')}`)));
    const m = await mount();
    await vi.waitFor(() => expect(m.root.querySelector('li.rows__spacer')).not.toBeNull());
    const focusedName = () => document.activeElement?.querySelector('.row__name')?.textContent;
    await m.key(search(m), 'ArrowDown');
    expect(focusedName()).toBe('SG-0000');
    await m.key(document.activeElement, 'End');
    expect(focusedName()).toBe('SG-0999');
    expect(document.activeElement?.getAttribute('aria-posinset')).toBe('1000');
    // The focused row is the one tab stop, rendered away from the others.
    expect(tabStops(m)).toEqual([document.activeElement]);
    await m.key(document.activeElement, 'ArrowUp');
    expect(focusedName()).toBe('SG-0998');
    for (const letter of 'sg-05') await m.key(document.activeElement, letter);
    expect(focusedName()).toBe('SG-0500');
    await m.key(document.activeElement, 'Home');
    expect(focusedName()).toBe('SG-0000');
    expect(tabStops(m)).toEqual([m.rows()[0]]);
  });
});

describe('keyboard', () => {
  it('is one tab stop; arrows, Home and End move between rows', async () => {
    const m = await mount();
    expect(tabStops(m)).toEqual([m.rows()[0]]);
    await m.key(search(m), 'ArrowDown');
    expect(document.activeElement).toBe(m.rows()[0]);
    await m.key(document.activeElement, 'ArrowDown');
    expect(document.activeElement).toBe(m.rows()[1]);
    expect(tabStops(m)).toEqual([m.rows()[1]]);
    // Buttons of other rows are out of the tab order.
    expect(m.rows()[0]?.querySelector('button')?.tabIndex).toBe(-1);
    expect(m.rows()[1]?.querySelector('button')?.tabIndex).toBe(0);
    await m.key(document.activeElement, 'End');
    expect(document.activeElement).toBe(m.rows()[4]);
    await m.key(document.activeElement, 'ArrowDown');
    expect(document.activeElement).toBe(m.rows()[4]);
    await m.key(document.activeElement, 'ArrowUp');
    expect(document.activeElement).toBe(m.rows()[3]);
    await m.key(document.activeElement, 'Home');
    expect(document.activeElement).toBe(m.rows()[0]);
  });

  it('"/" focuses the search box', async () => {
    const m = await mount();
    m.rows()[2]?.focus();
    const event = await m.key(document.activeElement, '/');
    expect(document.activeElement).toBe(search(m));
    expect(event.defaultPrevented).toBe(true);
  });

  it('Enter on a row activates it, once', async () => {
    await policiesItem.set({
      [items[0]?.key ?? '']: {
        requirements: { maximumMinutes: 60, justification: false, ticket: false, mfa: false, approval: false },
        fetchedAtMs: NOW,
      },
    });
    await activationMemoryItem.set({ perItem: {}, recentJustifications: ['Routine'] });
    const m = await mount();
    const row = m.row('SG-Prod-SQL-Admins');
    row.focus();
    await m.key(row, 'Enter');
    await m.key(row, 'Enter');
    await vi.waitFor(() => expect(m.announcement()).toMatch(/^SG-Prod-SQL-Admins is active until/));
    expect(activate).toHaveBeenCalledExactlyOnceWith({
      groupId: items[0]?.groupId,
      accessId: 'member',
      durationMinutes: 60,
      justification: 'Routine',
    });
  });

  it('Space opens the form, Escape closes it and returns focus to the row', async () => {
    const m = await mount();
    const row = m.row('SG-Dev-Readers');
    row.focus();
    await m.key(row, ' ');
    const form = () => row.querySelector('form');
    await vi.waitFor(() => expect(form()).not.toBeNull());
    expect(m.button(row, /^Activation options/).getAttribute('aria-expanded')).toBe('true');
    const textarea = row.querySelector('textarea');
    textarea?.focus();
    // Keys typed in the form stay in the form.
    await m.key(textarea, 'ArrowDown');
    expect(document.activeElement).toBe(textarea);
    await m.key(textarea, 'Escape');
    expect(form()).toBeNull();
    expect(document.activeElement).toBe(row);
    expect(m.button(row, /^Activation options/).getAttribute('aria-expanded')).toBe('false');
  });
});
