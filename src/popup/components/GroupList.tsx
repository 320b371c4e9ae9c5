import { useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { warmFormats, type Zone } from '../../core/format/time.ts';
import { filterEntries, listCollator, orderSections, type Section } from '../../core/list.ts';
import type { GroupItem, Operation } from '../../core/pim-state.ts';
import { type ShownName, shownNames } from '../../core/shown-name.ts';
import { type MessageKey, t } from '../../platform/i18n.ts';
import { ActionsContext } from '../context.ts';
import { FIRST_ROWS } from '../list-head.ts';
import { liveKeys } from '../live.ts';
import { effectiveOp } from '../model.ts';
import type { LocalView } from '../useActions.ts';
import { GroupRow, rowId } from './GroupRow.tsx';
import { deferredParts } from './LazyParts.tsx';

const NO_NAME: ShownName = { text: '', search: '' };

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
  /** While `items` is only the list's first screen (list-head.ts): how many the whole list has. */
  total?: number | undefined;
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
 * Search box and list. The list is one tab stop (roving tabindex over its rows); see list-keys.ts
 * for the keys. Ordering is computed when the data changes, filtering on each keystroke; only the
 * rows on screen or near it are rendered (WindowedRows), and they are memoised.
 */
export function GroupList(props: GroupListProps) {
  const { items, total, favourites, recent, operations, reactivations, local, nowMs, zone } = props;
  const [query, setQuery] = useState('');
  const [currentKey, setCurrentKey] = useState<string>();
  const actions = useContext(ActionsContext);
  const list = useRef<HTMLUListElement>(null);
  const search = useRef<HTMLInputElement>(null);

  const collator = useMemo(() => listCollator(zone.locale), [zone.locale]);
  const live = useMemo(() => liveKeys(items, operations, local, nowMs), [items, operations, local, nowMs]);
  const sections = useMemo(
    () => orderSections(items, { favourites, recent, collator, live: new Set(live.split(' ')) }),
    [items, favourites, recent, collator, live],
  );
  const ordered = useMemo(() => sections.map((x) => x.entry), [sections]);
  const sectionOf = useMemo(() => new Map(sections.map((x) => [x.entry.key, x.section])), [sections]);

  const names = useMemo(() => shownNames(items, (id) => t('groupNameUnavailable', id)), [items]);
  const searchOf = (item: GroupItem) => names.get(item.key)?.search ?? '';
  const visible = useMemo(() => filterEntries(ordered, query, searchOf), [ordered, query, names]);
  // Names are folded for the search when first read (shown-name.ts), and the rows' date formats
  // made: after the first paint, not in it, and not in the first keystroke either.
  useEffect(() => {
    const timer = setTimeout(() => {
      items.forEach(searchOf);
      warmFormats(zone, nowMs);
    });
    return () => clearTimeout(timer);
  }, [names]);
  // Headings only when there is more than one section to tell apart (the list is sorted by section).
  const headed = sectionOf.get(visible[0]?.key ?? '') !== sectionOf.get(visible.at(-1)?.key ?? '');
  const current = visible.some((item) => item.key === currentKey) ? currentKey : visible[0]?.key;
  const favouriteSet = useMemo(() => new Set(favourites), [favourites]);
  const windowed = deferredParts.useModule();

  // A key that moves to a row not rendered yet makes it the tab stop (rendered wherever it is),
  // and it is focused once it is there.
  const focusSoon = useRef<string | undefined>(undefined);

  // A row that changes section (its request started, it became active) moves in the DOM, and when
  // Preact moves that very element (rather than its neighbours) it loses the focus: put it back,
  // so focus is never dropped to the page.
  const focused = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const soon = focusSoon.current && document.getElementById(rowId(focusSoon.current));
    const element = focused.current;
    if (soon) {
      focusSoon.current = undefined;
      soon.focus();
    } else if (element?.isConnected && document.activeElement === document.body) element.focus();
  });

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

  const renderRow = (item: GroupItem, index: number) => (
    <GroupRow
      key={item.key}
      item={item}
      name={names.get(item.key) ?? NO_NAME}
      heading={headed ? sectionHeading(sectionOf, item, visible[index - 1]) : undefined}
      position={index + 1}
      setSize={query || total === undefined ? visible.length : total}
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
  );

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
          const first = visible[0];
          if (event.key !== 'ArrowDown' || !first) return;
          event.preventDefault();
          setCurrentKey(first.key);
          focusSoon.current = first.key;
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
        onKeyDown={(event) =>
          windowed?.onListKey(event, { visible, local, actions, searchOf, setCurrentKey, focusSoon })
        }
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
        {windowed ? (
          <windowed.WindowedRows
            items={visible}
            renderRow={renderRow}
            keep={[current, local.expanded?.key]}
            list={list}
            remember={!query && total === undefined}
          />
        ) : (
          visible.slice(0, FIRST_ROWS).map(renderRow)
        )}
      </ul>
      {visible.length === 0 && query && total === undefined && (
        <p class="no-matches">{t('listNoMatches', query.trim())}</p>
      )}
    </div>
  );
}
