import { render } from 'preact';
import { t } from '../platform/i18n.ts';
import { localisePage } from '../platform/pages.ts';
import '../ui/base.css';
import './popup.css';
import { App } from './App.tsx';
import { renderWhenRead } from './usePopupData.ts';

// The list's storage reads start first; the popup renders once they have answered.
renderWhenRead(() => {
  const root = document.getElementById('app');
  if (root) render(<App />, root);
});
localisePage(t('popupHeading'));
