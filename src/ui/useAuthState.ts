import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Result } from '../core/result.ts';
import { watchConnection } from '../platform/connection.ts';
import { accountsItem } from '../platform/items.ts';
import { type AuthState, sendMessage } from '../platform/messages.ts';

/** The background's view of sign-in, re-read whenever the accounts or the connection settings change. */
export function useAuthState(): { state: Result<AuthState> | undefined; reload: () => void } {
  const [state, setState] = useState<Result<AuthState>>();
  const reload = useCallback(() => {
    void sendMessage('getAuthState', undefined).then(setState);
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
