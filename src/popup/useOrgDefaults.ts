import { useMemo } from 'preact/hooks';
import { managedDefaultDurationItem } from '../platform/managed-field.ts';
import { useStored } from '../ui/useStored.ts';
import type { OrgDefaults } from './context.ts';

/**
 * The organisation's defaults from managed policy. Read beside, not before, the first paint: the
 * first managed read after the browser starts can take seconds, and the list must not wait for it.
 */
export function useOrgDefaults(): OrgDefaults {
  const durationMinutes = useStored(managedDefaultDurationItem);
  return useMemo(() => ({ durationMinutes }), [durationMinutes]);
}
