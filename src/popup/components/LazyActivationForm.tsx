import type { GroupItem } from '../../core/pim-state.ts';
import { t } from '../../platform/i18n.ts';
import type { FocusField } from '../useActions.ts';
import { deferredParts } from './LazyParts.tsx';

const form = deferredParts;

/** Loads the form's code (kept out of the first paint's bundle); idempotent. */
export const loadActivationForm = form.load;

/**
 * The activation form, loaded on first use (and fetched ahead once the list has painted). If its
 * chunk cannot be loaded (an update replaced it, a disk error) the row says so and offers a retry
 * rather than a form that never comes.
 */
export function LazyActivationForm(props: { id: string; item: GroupItem; focus: FocusField | undefined }) {
  const { module, failed, retry } = form.useModuleState();
  if (module) return <module.ActivationForm {...props} />;
  if (failed)
    return (
      <div id={props.id} class="activation-form" role="alert">
        <p>{t('popupFormLoadFailed')}</p>
        <button type="button" onClick={retry}>
          {t('popupFormLoadRetry')}
        </button>
      </div>
    );
  return <div id={props.id} class="activation-form" aria-busy="true" />;
}
