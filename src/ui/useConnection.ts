import { type ConnectionState, connectionSetting } from '../platform/connection.ts';
import { usePolicyOver } from './useStored.ts';

/** The effective connection settings, kept current; `undefined` until first read. */
export const useConnection = (): ConnectionState | undefined => usePolicyOver(connectionSetting);
