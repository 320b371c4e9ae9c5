import type { Cloud } from '../../core/connection.ts';
import { lazyModule } from '../lazy.ts';
import type { RowNoticesProps } from './RowNotices.tsx';
import type { TimeLeftBarProps } from './TimeLeftBar.tsx';

// Kept out of the popup's first paint (issues 8 and 19): most rows never show a notice (a failure,
// a queued re-activation), the state line already says the time left before its bar appears, and
// neither the admin center menu nor the version footer is needed to see the list. They come with the deferred parts' chunk,
// which App starts loading as the popup mounts.
/** The one loader of deferred-parts.ts, shared by every lazy part of the popup. */
export const deferredParts = lazyModule(() => import('./deferred-parts.ts'));
export const loadDeferredParts = deferredParts.load;

export function LazyRowNotices(props: RowNoticesProps) {
  const module = deferredParts.useModule();
  return module ? <module.RowNotices {...props} /> : null;
}

export function LazyTimeLeftBar(props: TimeLeftBarProps) {
  const module = deferredParts.useModule();
  return module ? <module.TimeLeftBar {...props} /> : null;
}

export function LazyPortalMenu(props: { cloud: Cloud }) {
  const module = deferredParts.useModule();
  return module ? <module.PortalMenu {...props} /> : null;
}

export function LazyStatusFooter() {
  const module = deferredParts.useModule();
  return module ? <module.StatusFooter /> : null;
}
