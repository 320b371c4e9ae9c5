import type { GroupItem } from '../../core/pim-state.ts';
import { lazyModule } from '../lazy.ts';
import type { FocusField } from '../useActions.ts';

const form = lazyModule(() => import('./ActivationForm.tsx'));

/** Loads the form's code (kept out of the first paint's bundle); idempotent. */
export const loadActivationForm = form.load;

/** The activation form, loaded on first use (and fetched ahead once the list has painted). */
export function LazyActivationForm(props: { id: string; item: GroupItem; focus: FocusField | undefined }) {
  const module = form.useModule();
  return module ? <module.ActivationForm {...props} /> : <div id={props.id} class="activation-form" aria-busy="true" />;
}
