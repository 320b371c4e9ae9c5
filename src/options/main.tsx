import { render } from 'preact';
import { t } from '../platform/i18n.ts';
import { localisePage } from '../platform/pages.ts';
import '../ui/base.css';
import './options.css';
import { App } from './App.tsx';

localisePage(t('optionsHeading'));
const root = document.getElementById('app');
if (root) render(<App />, root);
