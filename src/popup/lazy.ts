import { useEffect, useState } from 'preact/hooks';

/**
 * A part of the popup kept out of its first paint (issue 8's budget): `load()` imports it once
 * (a failed import, e.g. after an extension update replaced the chunk, is tried again next time);
 * `useModule()` renders with it once it is there.
 */
export function lazyModule<M>(importer: () => Promise<M>): { load(): Promise<M>; useModule(): M | undefined } {
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
  return {
    load,
    useModule() {
      const [module, setModule] = useState(loaded);
      // A popup closed before the import ends ignores it: Preact drops a state change after unmount.
      useEffect(() => void (module || load().then(setModule, () => {})), [module]);
      return module;
    },
  };
}
