import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// Five projects: `unit` (pure code and browser-API wiring against an in-memory fake),
// `emulator` (contract tests of the PIM emulator over real HTTPS), `e2e` (the built
// extension in real headless Chromium), `e2e-firefox` (the Firefox build in headless Firefox ESR)
// and `package` (the store zips: Chromium's loaded in Chromium, Firefox's through web-ext lint).
// `npm test` runs them in that order.
export default defineConfig({
  plugins: [preact()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
          setupFiles: ['src/test-support/fake-browser-setup.ts'],
          // A hang guard, not a timing target: property tests run hundreds of cases, and a loaded
          // 2-core machine can take several times the default 5 s over them.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'emulator',
          include: ['test/emulator/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          exclude: ['test/e2e/firefox/**'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser per file; files run in parallel on separate browsers.
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e-firefox',
          include: ['test/e2e/firefox/**/*.test.ts'],
          globalSetup: ['test/e2e/firefox/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          globalSetup: ['test/package/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
