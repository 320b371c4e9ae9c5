// "Waiting on you" loads right after the popup's first paint (issue 8's budget): most users
// approve nothing, and the section then renders nothing at all.
import { lazyModule } from '../lazy.ts';
// Its few rules go with the popup's CSS: a stylesheet dependency of the lazy chunk would pull
// Vite's preload helper into the first paint's JS.
import './waiting-on-you.css';
import type { WaitingOnYouProps } from './WaitingOnYou.tsx';

const section = lazyModule(() => import('./WaitingOnYou.tsx'));

export function LazyWaitingOnYou(props: WaitingOnYouProps) {
  const module = section.useModule();
  return module ? <module.WaitingOnYou {...props} /> : null;
}
