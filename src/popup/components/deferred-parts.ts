// The parts of rows and header kept out of the popup's first paint, in one chunk: each further
// lazy chunk made the bundler move the JSX runtime out of the first paint's file into a shared one
// (measured: +200–300 B gzip before the first paint), so the deferred parts share this one.
export { PortalMenu } from './PortalMenu.tsx';
export { RowNotices } from './RowNotices.tsx';
export { TimeLeftBar } from './TimeLeftBar.tsx';
