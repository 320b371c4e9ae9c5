import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const DEMO_USAGE = `Usage: npm run demo -- [--headless] [--out DIR] [--port N] [--no-build]
  --headless   sign in as the demo user and write screenshots instead of opening a window
               (the default when there is no display)
  --out DIR    where --headless writes its PNGs (default demo-output/)
  --port N     the emulator's port (default: a free one)
  --no-build   use dist/ as it is instead of running vite build first`;

export interface DemoArgs {
  headless: boolean;
  /** Why the run is headless, for the first line the user reads. */
  headlessReason?: 'asked' | 'no display';
  /** Absolute, resolved against the directory the user started from. */
  out: string;
  port: number;
  build: boolean;
}

/** Parses the command line; throws an Error whose message is meant for the user. */
export function parseDemoArgs(argv: string[], env: NodeJS.ProcessEnv, cwd: string): DemoArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      headless: { type: 'boolean', default: false },
      out: { type: 'string', default: 'demo-output' },
      port: { type: 'string', default: '0' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65_535) throw new Error(`--port must be 0–65535, not "${values.port}"`);
  // Chromium on Linux needs X11 or Wayland for a window; without either, headed would fail at launch.
  const hasDisplay = Boolean(env.DISPLAY || env.WAYLAND_DISPLAY) || process.platform !== 'linux';
  const headlessReason = values.headless ? 'asked' : hasDisplay ? undefined : 'no display';
  return {
    headless: headlessReason !== undefined,
    ...(headlessReason && { headlessReason }),
    out: resolve(cwd, values.out),
    port,
    build: !values['no-build'],
  };
}
