import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { sendMessage } from '../platform/messages.ts';

export interface RefreshControl {
  /** A refresh this popup asked for has not been answered yet. */
  inFlight: boolean;
  /** The background's refusal (e.g. not answering), when it left no status in storage. */
  replyError: string | undefined;
  refresh(force: boolean): void;
}

/** Asks the background to refresh once when `enabled` first holds, and again on demand. */
export function useRefresh(enabled: boolean): RefreshControl {
  const [inFlight, setInFlight] = useState(false);
  const [replyError, setReplyError] = useState<string>();
  const asked = useRef(false);
  const refresh = useCallback((force: boolean) => {
    setInFlight(true);
    setReplyError(undefined);
    void sendMessage('refresh', force ? { force } : {}).then((result) => {
      setInFlight(false);
      setReplyError(result.ok ? undefined : result.error.message);
    });
  }, []);
  useEffect(() => {
    if (!enabled || asked.current) return;
    asked.current = true;
    refresh(false);
  }, [enabled, refresh]);
  return { inFlight, replyError, refresh };
}
