import type { PortalLinks } from '../../core/portal.ts';
import { lazyModule } from '../lazy.ts';
import type { RowNoticesProps } from './RowNotices.tsx';
import type { TimeLeftBarProps } from './TimeLeftBar.tsx';

// Kept out of the popup's first paint (issues 8 and 19): most rows never show a notice (a failure,
// a queued re-activation), the state line already says the time left before its bar appears, and
// the admin center menu is not needed to see the list. They load a few milliseconds after the list
// paints (GroupList prefetches them), or at once when the first one is needed.
const parts = lazyModule(() => import('./deferred-parts.ts'));

export const loadDeferredParts = parts.load;

export function LazyRowNotices(props: RowNoticesProps) {
  const module = parts.useModule();
  return module ? <module.RowNotices {...props} /> : null;
}

export function LazyTimeLeftBar(props: TimeLeftBarProps) {
  const module = parts.useModule();
  return module ? <module.TimeLeftBar {...props} /> : null;
}

export function LazyPortalMenu(props: { links: PortalLinks }) {
  const module = parts.useModule();
  return module ? <module.PortalMenu {...props} /> : null;
}
