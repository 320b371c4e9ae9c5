import { useEffect, useState } from 'preact/hooks';
import { type ConnectionState, readConnection, watchConnection } from '../platform/connection.ts';

/** The effective connection settings, kept current; `undefined` until first read. */
export function useConnection(): ConnectionState | undefined {
  const [state, setState] = useState<ConnectionState>();
  useEffect(() => {
    void readConnection().then(setState);
    return watchConnection(setState);
  }, []);
  return state;
}
