import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** Where focus goes next: a preset row's button (by `data-action`), or any element of the section. */
export type FocusRequest = { id: string; action: string } | { selector: string };

/**
 * Moves focus inside `root` once the requested element is rendered. Returns the request function.
 * A preset row's button falls back to the row's first usable button (Move up is disabled at the top).
 */
export function useFocusRequest(root: RefObject<HTMLElement | null>): (request: FocusRequest) => void {
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  useEffect(() => {
    if (!focus) return;
    const section = root.current;
    let target: HTMLElement | null | undefined;
    if ('selector' in focus) target = section?.querySelector<HTMLElement>(focus.selector);
    else {
      const row = section?.querySelector(`[data-preset-id="${focus.id}"]`);
      target = row?.querySelector<HTMLElement>(`[data-action="${focus.action}"]:not([disabled])`);
      target ??= row?.querySelector<HTMLElement>('button:not([disabled])');
    }
    // The row may not be there yet (storage echoes our write a moment later): try again next render.
    if (!target) return;
    target.focus();
    setFocus(null);
  });
  return setFocus;
}
