import type { Cloud } from '../../core/connection.ts';
import { lazyModule } from '../lazy.ts';
import type { RowNoticesProps } from './RowNotices.tsx';
import type { TimeLeftBarProps } from './TimeLeftBar.tsx';

// Kept out of the popup's first paint (issues 8 and 19): most rows never show a notice (a failure,
// a queued re-activation), the state line already says the time left before its bar appears, and
// the admin center menu is not needed to see the list. They load a few milliseconds after the list
// paints (GroupList prefetches them), or at once when the first one is needed.
/** The one loader of deferred-parts.ts, shared by every lazy part of the popup. */
export const deferredParts = lazyModule(() => import('./deferred-parts.ts'));
const parts = deferredParts;

export const loadDeferredParts = parts.load;

export function LazyRowNotices(props: RowNoticesProps) {
  const module = parts.useModule();
  return module ? <module.RowNotices {...props} /> : null;
}

export function LazyTimeLeftBar(props: TimeLeftBarProps) {
  const module = parts.useModule();
  return module ? <module.TimeLeftBar {...props} /> : null;
}

export function LazyPortalMenu(props: { cloud: Cloud }) {
  const module = parts.useModule();
  return module ? <module.PortalMenu {...props} /> : null;
}
