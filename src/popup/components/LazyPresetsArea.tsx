// The presets area (its code, the presets schema and the request builder) loads right after the
// popup's first paint instead of in it: the import starts when the popup mounts, in parallel with
// the storage reads, so the area usually appears with the list. If its chunk cannot be loaded the
// popup works without presets until reopened.
import { lazyModule } from '../lazy.ts';
import type { StoredPresetsAreaProps } from './PresetsArea.tsx';

const area = lazyModule(() => import('./PresetsArea.tsx'));

export const loadPresetsArea = area.load;
/** The chunk's exports once loaded (it also carries WaitingOnYou: LazyWaitingOnYou.tsx). */
export const usePresetsChunk = area.useModule;

export function LazyPresetsArea(props: StoredPresetsAreaProps) {
  const module = area.useModule();
  return module ? <module.StoredPresetsArea {...props} /> : null;
}
