import { useState } from 'preact/hooks';

/** The presets ticked for sharing, by ref (`org:<id>` / `mine:<id>`): the organisation's preset and the user's may share an id. */
export interface Selection {
  selected: ReadonlySet<string>;
  toggle(ref: string, on: boolean): void;
  set(refs: Iterable<string>): void;
  /** Unticks one entry. */
  remove(key: string): void;
}

export function useSelection(): Selection {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (ref: string, on: boolean) =>
    setSelected((s) => {
      const n = new Set(s);
      if (on) n.add(ref);
      else n.delete(ref);
      return n;
    });
  return {
    selected,
    toggle,
    set: (refs) => setSelected(new Set(refs)),
    remove: (key) => toggle(key, false),
  };
}
