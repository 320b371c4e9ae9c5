import { useCallback, useEffect, useState } from 'preact/hooks';

export interface ModuleState<M> {
  module: M | undefined;
  /** The last import failed (e.g. an extension update replaced the chunk); `retry` tries again. */
  failed: boolean;
  retry(): void;
}

/**
 * A part of the popup kept out of its first paint (issue 8's budget): `load()` imports it once
 * (a failed import is tried again on the next `load()`); `useModule()` renders with it once it is
 * there, and `useModuleState()` also says when the import failed, so the part can offer a retry
 * instead of staying empty until the popup is reopened.
 */
export function lazyModule<M>(importer: () => Promise<M>): {
  load(): Promise<M>;
  useModule(): M | undefined;
  useModuleState(): ModuleState<M>;
} {
  let loaded: M | undefined;
  let loading: Promise<M> | undefined;
  const load = (): Promise<M> =>
    (loading ??= importer().then(
      (module) => (loaded = module),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  function useModuleState(): ModuleState<M> {
    const [module, setModule] = useState(loaded);
    const [attempt, setAttempt] = useState(0);
    const [failed, setFailed] = useState(false);
    // A popup closed before the import ends ignores it: Preact drops a state change after unmount.
    useEffect(() => {
      if (module) return;
      setFailed(false);
      load().then(setModule, () => setFailed(true));
    }, [module, attempt]); // `attempt` changes only to retry
    const retry = useCallback(() => setAttempt((n) => n + 1), []);
    return { module, failed, retry };
  }
  return { load, useModule: () => useModuleState().module, useModuleState };
}
