import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** Keyboard users land on the page's first useful control without pressing Tab. */
export function useFocusOnMount<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
