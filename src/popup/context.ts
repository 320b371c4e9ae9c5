import { createContext } from 'preact';
import type { Actions } from './useActions.ts';
import type { PopupData } from './usePopupData.ts';

/** The popup's intents; a stable object, so rows that use it do not re-render when data changes. */
export const ActionsContext = createContext<Actions>(undefined as unknown as Actions);
/** Stored data for the one open form (memory, policies, clock offset). Rows do not read it. */
export const DataContext = createContext<PopupData>(undefined as unknown as PopupData);

/** What the organisation's policy sets for the activation form (read beside the first paint: managed storage can be slow). */
export interface OrgDefaults {
  durationMinutes?: number | undefined;
}
export const OrgDefaultsContext = createContext<OrgDefaults>({});
