/// <reference types="vite/client" />

/**
 * The browser this build is for, replaced by a constant at build time (vite.config.ts `define`) so
 * the other browser's code is dropped. Unit tests set it as a global (src/test-support/).
 */
declare const __TARGET__: 'chromium' | 'firefox';
