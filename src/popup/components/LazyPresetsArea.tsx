// The presets area, from the deferred parts' chunk (deferred-parts.ts), which the popup starts
// loading as it mounts, in parallel with the storage reads, so the area usually appears with the
// list. If the chunk cannot be loaded the popup works without presets until reopened.
import { deferredParts } from './LazyParts.tsx';
import type { StoredPresetsAreaProps } from './PresetsArea.tsx';

export function LazyPresetsArea(props: StoredPresetsAreaProps) {
  const module = deferredParts.useModule();
  return module ? <module.StoredPresetsArea {...props} /> : null;
}
