// The presets area (its code, the presets schema and the request builder) loads right after the
// popup's first paint instead of in it: the import starts when the popup mounts, in parallel with
// the storage reads, so the area usually appears with the list. If its chunk cannot be loaded the
// popup works without presets until reopened.
import { deferredParts } from './LazyParts.tsx';
import type { StoredPresetsAreaProps } from './PresetsArea.tsx';

const area = deferredParts;

export const loadPresetsArea = area.load;

export function LazyPresetsArea(props: StoredPresetsAreaProps) {
  const module = area.useModule();
  return module ? <module.StoredPresetsArea {...props} /> : null;
}
