import { useState } from 'preact/hooks';

/** Values ticked and unticked (checkboxes): the set, a toggle, and a replacement of the whole set. */
export function useToggleSet<T>(): [ReadonlySet<T>, (value: T, on: boolean) => void, (values: Iterable<T>) => void] {
  const [values, setValues] = useState<ReadonlySet<T>>(new Set());
  const toggle = (value: T, on: boolean) =>
    setValues((previous) => {
      const next = new Set(previous);
      if (on) next.add(value);
      else next.delete(value);
      return next;
    });
  return [values, toggle, (all) => setValues(new Set(all))];
}

/** The presets ticked for sharing, by ref (`org:<id>` / `mine:<id>`): the organisation's preset and the user's may share an id. */
export interface Selection {
  selected: ReadonlySet<string>;
  toggle(ref: string, on: boolean): void;
  set(refs: Iterable<string>): void;
  /** Unticks one entry. */
  remove(key: string): void;
}

export function useSelection(): Selection {
  const [selected, toggle, set] = useToggleSet<string>();
  return { selected, toggle, set, remove: (key) => toggle(key, false) };
}
