import { defineChannel } from '../platform/channel.ts';
import type { AuthHostMap } from './protocol.ts';

/** Background ↔ auth host. Pages never use it, and the background's page listener ignores it. */
export const authHostChannel = defineChannel<AuthHostMap>('auth-host', {
  code: 'auth-host-unavailable',
  message: 'authHostUnavailable',
});
