// The auth host: an offscreen document (Chromium) that runs MSAL, which needs a DOM and
// localStorage that a service worker lacks. It only answers the background's auth-host channel.
// Firefox builds do not include this page: the background page runs operations.ts itself.
import { listenOn } from '../../platform/channel.ts';
import { authHostChannel } from '../channel.ts';
import { operations } from './operations.ts';

listenOn(authHostChannel, operations);
