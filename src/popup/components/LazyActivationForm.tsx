import { useEffect, useState } from 'preact/hooks';
import type { GroupItem } from '../../core/pim-state.ts';
import type { FocusField } from '../useActions.ts';

type FormModule = typeof import('./ActivationForm.tsx');
let loaded: FormModule | undefined;
let loading: Promise<FormModule> | undefined;

/** Loads the form's code (kept out of the first paint's bundle); idempotent. */
export function loadActivationForm(): Promise<FormModule> {
  loading ??= import('./ActivationForm.tsx').then((module) => {
    loaded = module;
    return module;
  });
  return loading;
}

/** The activation form, loaded on first use (and fetched ahead once the list has painted). */
export function LazyActivationForm(props: { id: string; item: GroupItem; focus: FocusField | undefined }) {
  const [module, setModule] = useState(loaded);
  useEffect(() => {
    if (module) return;
    let live = true;
    void loadActivationForm().then((m) => live && setModule(m));
    return () => {
      live = false;
    };
  }, [module]);
  return module ? <module.ActivationForm {...props} /> : <div id={props.id} class="activation-form" aria-busy="true" />;
}
