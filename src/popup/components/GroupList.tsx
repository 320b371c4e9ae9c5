import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Zone } from '../../core/format/time.ts';
import { filterEntries, orderSections, type Section } from '../../core/list.ts';
import type { GroupItem, Operation } from '../../core/pim-state.ts';
import { type ShownName, shownNames } from '../../core/shown-name.ts';
import { type MessageKey, t } from '../../platform/i18n.ts';
import { liveKeys } from '../live.ts';
import { effectiveOp } from '../model.ts';
import type { LocalView } from '../useActions.ts';
import { GroupRow } from './GroupRow.tsx';
import { loadActivationForm } from './LazyActivationForm.tsx';
import { loadDeferredParts } from './LazyParts.tsx';
import { useListKeys } from './useListKeys.ts';

const FIRST_ROWS = 40;
const NO_NAME: ShownName = { text: '', search: '' };
/** Rows per later chunk: small enough that a keystroke landing meanwhile waits at most a frame or so. */
const MORE_ROWS = 100;

/**
 * How many rows to render: the first screenfuls at once, the rest in chunks after the paint, so a
 * popup with a thousand groups paints as fast as one with ten. A new filter starts over from the
 * first rows: clearing the search box must not render a thousand rows in one keystroke (issue 8:
 * p95 188 ms before, with 1,000 groups).
 */
function useProgressiveLimit(total: number, restart: string): number {
  const [grown, setGrown] = useState({ restart, limit: FIRST_ROWS });
  const limit = grown.restart === restart ? grown.limit : FIRST_ROWS;
  useEffect(() => {
    if (limit >= total) return;
    const timer = setTimeout(() => setGrown({ restart, limit: limit + MORE_ROWS }), 0);
    return () => clearTimeout(timer);
  }, [limit, total, restart]);
  return limit;
}

const SECTION_HEADINGS: Record<Section, MessageKey> = {
  now: 'listSectionNow',
  pinned: 'listSectionPinned',
  recent: 'listSectionRecent',
  rest: 'listSectionRest',
};

/** The heading of the section `item` starts (it follows a row of another section), else undefined. */
function sectionHeading(sectionOf: Map<string, Section>, item: GroupItem, previous: GroupItem | undefined) {
  const section = sectionOf.get(item.key) ?? 'rest';
  return previous && sectionOf.get(previous.key) === section ? undefined : t(SECTION_HEADINGS[section]);
}

export interface GroupListProps {
  items: GroupItem[];
  favourites: string[];
  recent: Record<string, number>;
  operations: Record<string, Operation>;
  /** Re-activations queued for the active account (item key → Graph time it runs). */
  reactivations: Readonly<Record<string, number>>;
  local: LocalView;
  nowMs: number;
  zone: Zone;
}

/**
 * Search box and list. The list is one tab stop (roving tabindex over its rows); see useListKeys
 * for the keys. Ordering is computed when the data changes, filtering on each keystroke, and rows
 * are memoised, so typing re-renders only rows that appear or disappear.
 */
export function GroupList(props: GroupListProps) {
  const { items, favourites, recent, operations, reactivations, local, nowMs, zone } = props;
  const [query, setQuery] = useState('');
  const [currentKey, setCurrentKey] = useState<string>();
  const list = useRef<HTMLUListElement>(null);
  const search = useRef<HTMLInputElement>(null);

  const collator = useMemo(() => new Intl.Collator(zone.locale, { sensitivity: 'base', numeric: true }), [zone.locale]);
  const live = liveKeys(items, operations, local, nowMs);
  const sections = useMemo(
    () => orderSections(items, { favourites, recent, collator, live: new Set(live.split(' ')) }),
    [items, favourites, recent, collator, live],
  );
  const ordered = useMemo(() => sections.map((x) => x.entry), [sections]);
  const sectionOf = useMemo(() => new Map(sections.map((x) => [x.entry.key, x.section])), [sections]);

  const names = useMemo(() => shownNames(items, (id) => t('groupNameUnavailable', id)), [items]);
  const visible = useMemo(
    () => filterEntries(ordered, query, (item) => names.get(item.key)?.search ?? ''),
    [ordered, query, names],
  );
  // Headings only when there is more than one section to tell apart (the list is sorted by section).
  const headed = sectionOf.get(visible[0]?.key ?? '') !== sectionOf.get(visible.at(-1)?.key ?? '');
  const current = visible.some((item) => item.key === currentKey) ? currentKey : visible[0]?.key;
  const favouriteSet = useMemo(() => new Set(favourites), [favourites]);
  const shown = useProgressiveLimit(visible.length, query);

  const onKeyDown = useListKeys({ list, visible, local, setCurrentKey });

  // A row that changes section (its request started, it became active) moves in the DOM, and when
  // Preact moves that very element (rather than its neighbours) it loses the focus: put it back,
  // so focus is never dropped to the page.
  const focused = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const element = focused.current;
    if (element?.isConnected && document.activeElement === document.body) element.focus();
  }, [visible]);

  // Once the list has painted, fetch the form's and the row notices' code, so they show at once.
  useEffect(() => {
    const timer = setTimeout(() => {
      void loadActivationForm();
      void loadDeferredParts();
    }, 300);
    return () => clearTimeout(timer);
  }, []);

  // "/" anywhere but in a text field goes to the search box.
  useEffect(() => {
    const onSlash = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== '/' || target?.closest('input, textarea, select, [contenteditable]')) return;
      event.preventDefault();
      search.current?.focus();
    };
    document.addEventListener('keydown', onSlash);
    return () => document.removeEventListener('keydown', onSlash);
  }, []);

  return (
    <div class="group-list">
      <input
        ref={search}
        id="search"
        class="search"
        type="search"
        value={query}
        autocomplete="off"
        spellcheck={false}
        aria-label={t('listSearchLabel')}
        aria-controls="groups"
        aria-keyshortcuts="/"
        placeholder={t('listSearchPlaceholder')}
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowDown') return;
          const first = list.current?.firstElementChild as HTMLElement | null;
          if (!first) return;
          event.preventDefault();
          first.focus();
        }}
      />
      <p id="groups-keys" class="visually-hidden">
        {t('listKeyboardHint')}
      </p>
      <ul
        ref={list}
        id="groups"
        class="rows"
        aria-label={t('listLabel')}
        aria-describedby="groups-keys"
        onKeyDown={onKeyDown}
        onFocusOut={(event) => {
          const next = event.relatedTarget as Node | null;
          if (next && !list.current?.contains(next)) focused.current = null;
        }}
        onFocusIn={(event) => {
          focused.current = event.target as HTMLElement;
          const row = (event.target as HTMLElement).closest<HTMLElement>('li[data-key]');
          if (row?.dataset.key) setCurrentKey(row.dataset.key);
        }}
      >
        {visible.slice(0, shown).map((item, index) => (
          <GroupRow
            key={item.key}
            item={item}
            name={names.get(item.key) ?? NO_NAME}
            heading={headed ? sectionHeading(sectionOf, item, visible[index - 1]) : undefined}
            op={effectiveOp(operations[item.key], local.ops[item.key], local.dismissed[item.key])}
            note={local.notes[item.key]}
            reactivateAtMs={reactivations[item.key]}
            favourite={favouriteSet.has(item.key)}
            current={item.key === current}
            expanded={local.expanded?.key === item.key}
            focusField={local.expanded?.key === item.key ? local.expanded.focus : undefined}
            nowMs={nowMs}
            zone={zone}
          />
        ))}
      </ul>
      {visible.length === 0 && query && <p class="no-matches">{t('listNoMatches', query.trim())}</p>}
    </div>
  );
}
