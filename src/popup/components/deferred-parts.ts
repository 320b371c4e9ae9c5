// Everything of the popup that its first paint does not need, in one chunk: the activation form,
// the presets area, the approvals waiting on the user, row notices, the time-left bar, the admin
// center menu, the version footer, and the windowing and keyboard model of the group list (the
// first paint renders its first rows).
// One chunk, not one each: with more lazy chunks the bundler moves shared code
// (Preact, the polyfill) out of the first paint's file into shared chunks (a known Rolldown
// behaviour, rolldown/rolldown#10731), which costs over 1 kB gzip before the first paint.

export { StatusFooter } from '../../ui/StatusFooter.tsx';
export { saveListHead } from '../save-list-head.ts';
export { ActivationForm } from './ActivationForm.tsx';
export { onListKey } from './list-keys.ts';
export { PortalMenu } from './PortalMenu.tsx';
export { StoredPresetsArea } from './PresetsArea.tsx';
export { RowNotices } from './RowNotices.tsx';
export { TimeLeftBar } from './TimeLeftBar.tsx';
export { WaitingOnYou } from './WaitingOnYou.tsx';
export { WindowedRows } from './WindowedRows.tsx';
