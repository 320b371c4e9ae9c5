import { type AllPresets, allPresetsSetting } from '../../platform/presets.ts';
import { usePolicyOver } from '../../ui/useStored.ts';

export type { AllPresets };

/**
 * The user's and the organisation's presets (with why a policy was refused), kept current;
 * `undefined` until both are read. Options page only: it brings the codec (the popup has usePopupPresets).
 */
export function usePresets(): AllPresets | undefined {
  return usePolicyOver(allPresetsSetting);
}
