import { useEffect, useState } from 'preact/hooks';
import { managedDefaultDurationItem } from '../platform/managed-field.ts';
import type { OrgDefaults } from './context.ts';

/**
 * The organisation's defaults from managed policy. Read beside, not before, the first paint: the
 * first managed read after the browser starts can take seconds, and the list must not wait for it.
 */
export function useOrgDefaults(): OrgDefaults {
  const [defaults, setDefaults] = useState<OrgDefaults>({});
  useEffect(() => {
    let live = true;
    void managedDefaultDurationItem.get().then((durationMinutes) => {
      if (live) setDefaults({ durationMinutes });
    });
    const stop = managedDefaultDurationItem.watch((durationMinutes) => setDefaults({ durationMinutes }));
    return () => {
      live = false;
      stop();
    };
  }, []);
  return defaults;
}
