import { lazyModule } from '../lazy.ts';
import type { RowNoticesProps } from './RowNotices.tsx';

// Kept out of the popup's first paint: most rows never show these, and the first that does
// (a failure, a queued re-activation) loads them in a few milliseconds.
const notices = lazyModule(() => import('./RowNotices.tsx'));

export const loadRowNotices = notices.load;

export function LazyRowNotices(props: RowNoticesProps) {
  const module = notices.useModule();
  return module ? <module.RowNotices {...props} /> : null;
}
