import { render } from 'preact';
import { t } from '../platform/i18n.ts';
import { localisePage } from '../platform/pages.ts';
import '../ui/base.css';
import './popup.css';
import { App } from './App.tsx';
import { startPopupData } from './usePopupData.ts';

const read = startPopupData();
localisePage(t('popupHeading'));
// The first render waits for the list's reads (a few milliseconds; issue 19): rendered before
// them, the empty popup takes a frame of its own, and its effects (more reads, the deferred
// chunks) run ahead of the list's frame. A read that fails is not waited for past 100 ms.
let mounted = false;
const mount = () => {
  const root = document.getElementById('app');
  if (mounted || !root) return;
  mounted = true;
  render(<App />, root);
};
void read.then(mount);
setTimeout(mount, 100);
