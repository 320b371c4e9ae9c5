import { useEffect, useState } from 'preact/hooks';
import { type AllPresets, readAllPresets, watchAllPresets } from '../../platform/presets.ts';

export type { AllPresets };

/**
 * The user's and the organisation's presets (with why a policy was refused), kept current;
 * `undefined` until the first read. Options page only: it brings the codec (the popup has usePopupPresets).
 */
export function usePresets(): AllPresets | undefined {
  const [state, setState] = useState<AllPresets>();
  useEffect(() => {
    let live = true;
    let changed = false;
    const stop = watchAllPresets((next) => {
      changed = true;
      if (live) setState(next);
    });
    void readAllPresets().then((first) => {
      // A change that arrived meanwhile is newer than this read.
      if (live && !changed) setState(first);
    });
    return () => {
      live = false;
      stop();
    };
  }, []);
  return state;
}
