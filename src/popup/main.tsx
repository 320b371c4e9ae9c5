import { render } from 'preact';
import { t } from '../platform/i18n.ts';
import { localisePage } from '../platform/pages.ts';
import '../ui/base.css';
import './popup.css';
import { App } from './App.tsx';
import { startPopupData } from './usePopupData.ts';

startPopupData();
localisePage(t('popupHeading'));
const root = document.getElementById('app');
if (root) render(<App />, root);
