import { useEffect, useRef } from 'preact/hooks';
import type { Announce } from './announce.ts';
import type { refreshText } from './components/RefreshIndicator.tsx';

type Indicator = ReturnType<typeof refreshText>;

/**
 * Puts a refresh's result in the live region when the refresh ends: always when it failed (the list
 * is then stale, which a screen-reader user cannot see), and when it worked only if the user asked
 * for it with the Refresh button (the automatic refresh on open stays quiet).
 */
export function useRefreshAnnouncement(indicator: Indicator | undefined, announce: Announce) {
  const previous = useRef(indicator?.state);
  const userAsked = useRef(false);
  const state = indicator?.state;
  const text = indicator?.text ?? '';
  useEffect(() => {
    const was = previous.current;
    previous.current = state;
    if (was !== 'refreshing' || state === 'refreshing') return;
    if (state === 'error' || (state === 'ok' && userAsked.current)) announce(text);
    userAsked.current = false;
  }, [state, text, announce]);
  return {
    /** Call when the user asks for a refresh, so its success is announced too. */
    userAsked() {
      userAsked.current = true;
    },
  };
}
