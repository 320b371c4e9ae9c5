// The presets area (its code, the presets schema and the request builder) loads right after the
// popup's first paint instead of in it: the import starts when the popup mounts, in parallel with
// the storage reads, so the area usually appears with the list.
import { useEffect, useState } from 'preact/hooks';
import type { StoredPresetsAreaProps } from './PresetsArea.tsx';

type Module = typeof import('./PresetsArea.tsx');
let loaded: Module | undefined;
let loading: Promise<Module> | undefined;

export function loadPresetsArea(): Promise<Module> {
  loading ??= import('./PresetsArea.tsx').then(
    (m) => {
      loaded = m;
      return m;
    },
    (error: unknown) => {
      // An extension update replaced the chunk: the popup works without presets until reopened.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

export function LazyPresetsArea(props: StoredPresetsAreaProps) {
  const [module, setModule] = useState(loaded);
  useEffect(() => {
    if (module) return;
    let live = true;
    loadPresetsArea().then(
      (m) => live && setModule(m),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [module]);
  return module ? <module.StoredPresetsArea {...props} /> : null;
}
