// "Waiting on you" loads right after the popup's first paint (issue 8's budget): most users
// approve nothing, and the section then renders nothing at all.
// Its few rules go with the popup's CSS: a stylesheet dependency of the lazy chunk would pull
// Vite's preload helper into the first paint's JS.
import './waiting-on-you.css';

import { deferredParts } from './LazyParts.tsx';
import type { WaitingOnYouProps } from './WaitingOnYou.tsx';

export function LazyWaitingOnYou(props: WaitingOnYouProps) {
  // In the one chunk of deferred parts (deferred-parts.ts says why); the popup loads it as it mounts.
  const module = deferredParts.useModule();
  return module ? <module.WaitingOnYou {...props} /> : null;
}
