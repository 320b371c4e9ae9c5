import { itemKey } from '../core/pim-state.ts';
import type { Expanded } from './useActions.ts';

/**
 * The form to open when the popup's page is opened with `?group=<id>&access=member|owner` (by the
 * address bar keyword, see background/omnibox.ts): that item's form, focused on the reason. It
 * only opens the form; activating still takes the user's click.
 */
export function expandedFromQuery(search: string): Expanded | null {
  const params = new URLSearchParams(search);
  const group = params.get('group');
  const access = params.get('access');
  if (!group || (access !== 'member' && access !== 'owner')) return null;
  return { key: itemKey(group, access), focus: 'justification' };
}
