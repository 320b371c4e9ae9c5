import { useEffect, useState } from 'preact/hooks';
import type { Result } from '../core/result.ts';
import { type BackgroundStatus, sendMessage } from '../platform/messages.ts';

/** Asks the background for its status once; `undefined` while the answer is on its way. */
export function useBackgroundStatus(): Result<BackgroundStatus> | undefined {
  const [status, setStatus] = useState<Result<BackgroundStatus>>();
  // A page closed before the answer ignores it: Preact drops a state change after unmount.
  useEffect(() => void sendMessage('getStatus', undefined).then(setStatus), []);
  return status;
}
