import { useEffect, useState } from 'preact/hooks';
import type { Result } from '../core/result.ts';
import { type BackgroundStatus, sendMessage } from '../platform/messages.ts';

/** Asks the background for its status once; `undefined` while the answer is on its way. */
export function useBackgroundStatus(): Result<BackgroundStatus> | undefined {
  const [status, setStatus] = useState<Result<BackgroundStatus>>();
  useEffect(() => {
    let live = true;
    void sendMessage('getStatus', undefined).then((result) => live && setStatus(result));
    return () => {
      live = false;
    };
  }, []);
  return status;
}
