// "Waiting on you" loads right after the popup's first paint (issue 8's budget): most users
// approve nothing, and the section then renders nothing at all.
import { lazyModule } from '../lazy.ts';
import type { WaitingOnYouProps } from './WaitingOnYou.tsx';

const section = lazyModule(() => import('./WaitingOnYou.tsx'));

export function LazyWaitingOnYou(props: WaitingOnYouProps) {
  const module = section.useModule();
  return module ? <module.WaitingOnYou {...props} /> : null;
}
