import type { GroupItem } from '../../core/pim-state.ts';
import { canActivate } from '../model.ts';
import type { Actions, LocalView } from '../useActions.ts';
import { rowId } from './GroupRow.tsx';
import { typeAhead } from './type-ahead.ts';

/**
 * The list's keyboard model (roving tabindex over rows), by position in the whole list, not in
 * what is rendered (the list is windowed):
 * - ArrowDown / ArrowUp / Home / End move between rows (from a row or one of its buttons);
 * - letters typed on a row move to the next row whose name starts with them (type-ahead);
 * - Enter on a row activates it (the Activate button's action; nothing on rows without one, so a
 *   stray Enter never deactivates or cancels);
 * - Space on a row opens or closes its activation form; focus stays on the row;
 * - Escape closes the open form and returns focus to its row.
 * Keys typed inside the form belong to the form (except Escape, handled there).
 * A row not rendered yet becomes the tab stop, which renders it, and `focusSoon` focuses it then.
 * It comes with the deferred chunk, a moment after the first paint (the search box's ArrowDown to
 * the first row is in the first paint): the popup's first bytes are paid on every click.
 */
export function onListKey(
  event: KeyboardEvent,
  options: {
    visible: readonly GroupItem[];
    local: LocalView;
    actions: Actions;
    /** Folded text a row's name is matched by (what the search matches). */
    searchOf: (item: GroupItem) => string;
    setCurrentKey: (key: string) => void;
    focusSoon: { current: string | undefined };
  },
) {
  const { visible, local, actions, searchOf, setCurrentKey, focusSoon } = options;
  const target = event.target as HTMLElement;
  if (target.closest('form')) return;
  const row = target.closest<HTMLElement>('li[data-key]');
  if (!row) return;
  const index = visible.findIndex((i) => i.key === row.dataset.key);
  const item = visible[index];
  const moveTo = (next: number) => {
    const to = visible[Math.max(0, Math.min(visible.length - 1, next))];
    if (!to) return;
    event.preventDefault();
    setCurrentKey(to.key);
    const element = document.getElementById(rowId(to.key));
    if (element) element.focus();
    else focusSoon.current = to.key;
  };
  switch (event.key) {
    case 'ArrowDown':
      return moveTo(index + 1);
    case 'ArrowUp':
      return moveTo(index - 1);
    case 'Home':
      return moveTo(0);
    case 'End':
      return moveTo(visible.length - 1);
    case 'Escape':
      if (local.expanded?.key === item?.key) {
        event.preventDefault();
        actions.collapse();
        row.focus();
      }
      return;
    case 'Enter':
    case ' ':
      if (target !== row || !item || !canActivate(item) || row.getAttribute('aria-busy') === 'true') return;
      event.preventDefault();
      if (event.key === 'Enter') void actions.activate(item);
      else actions.toggleExpanded(item.key);
      return;
  }
  if (target !== row) return;
  const found = typeAhead(event, visible, index, searchOf);
  if (found !== undefined) moveTo(found);
}
