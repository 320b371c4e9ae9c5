import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Result } from '../core/result.ts';
import { watchConnection } from '../platform/connection.ts';
import { accountsItem } from '../platform/items.ts';
import { type AuthState, sendMessage } from '../platform/messages.ts';

/**
 * The background's view of sign-in, re-read whenever the accounts or the connection settings change.
 * Only the newest question's answer is taken: the background answers questions concurrently, and an
 * older answer arriving last would show an account already signed out (and take the keyboard focus
 * away with the buttons it swaps back: options/AccountPanel.tsx).
 */
export function useAuthState(): { state: Result<AuthState> | undefined; reload: () => void } {
  const [state, setState] = useState<Result<AuthState>>();
  const asked = useRef(0);
  const reload = useCallback(() => {
    const question = ++asked.current;
    void sendMessage('getAuthState', undefined).then((answer) => {
      if (question === asked.current) setState(answer);
    });
  }, []);
  useEffect(() => {
    reload();
    const stops = [accountsItem.watch(reload), watchConnection(reload)];
    return () => {
      for (const stop of stops) stop();
    };
  }, [reload]);
  return { state, reload };
}
