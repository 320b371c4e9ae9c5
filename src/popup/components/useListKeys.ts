import type { RefObject } from 'preact';
import { useContext } from 'preact/hooks';
import type { GroupItem } from '../../core/pim-state.ts';
import { ActionsContext } from '../context.ts';
import { canActivate } from '../model.ts';
import type { LocalView } from '../useActions.ts';

/**
 * The list's keyboard model (roving tabindex over rows):
 * - ArrowDown / ArrowUp / Home / End move between rows (from a row or one of its buttons);
 * - Enter on a row activates it (the Activate button's action; nothing on rows without one, so a
 *   stray Enter never deactivates or cancels);
 * - Space on a row opens or closes its activation form; focus stays on the row;
 * - Escape closes the open form and returns focus to its row.
 * Keys typed inside the form belong to the form (except Escape, handled there).
 */
export function useListKeys(options: {
  list: RefObject<HTMLUListElement | null>;
  visible: readonly GroupItem[];
  local: LocalView;
  setCurrentKey: (key: string) => void;
}) {
  const actions = useContext(ActionsContext);
  const { list, visible, local, setCurrentKey } = options;
  return (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.closest('form')) return;
    const row = target.closest<HTMLElement>('li[data-key]');
    const rows = list.current ? (Array.from(list.current.children) as HTMLElement[]) : [];
    if (!row) return;
    const index = rows.indexOf(row);
    const item = visible[index];
    const moveTo = (next: number) => {
      const to = rows[Math.max(0, Math.min(rows.length - 1, next))];
      if (!to) return;
      event.preventDefault();
      if (to.dataset.key) setCurrentKey(to.dataset.key);
      to.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return moveTo(index + 1);
      case 'ArrowUp':
        return moveTo(index - 1);
      case 'Home':
        return moveTo(0);
      case 'End':
        return moveTo(rows.length - 1);
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
  };
}
