import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const DEMO_USAGE = `Usage: npm run demo -- [--scenario NAME|FILE] [--headless] [--out DIR] [--port N] [--no-build]
  --scenario   the emulator's tenant: demo (default), surprises, hundreds, large, or a scenario
               JSON file (see test/emulator/scenarios/README.md); the demo signs in as its first user
  --headless   sign in as the demo user and write screenshots instead of opening a window
               (the default when there is no display)
  --out DIR    where --headless writes its PNGs (default demo-output/)
  --port N     the emulator's port (default: a free one)
  --no-build   use dist/ as it is instead of running vite build first`;

/** The scenarios the emulator knows by name (test/emulator/scenarios/index.ts). */
export const SCENARIO_NAMES = ['demo', 'surprises', 'hundreds', 'large'] as const;

export interface DemoArgs {
  /** A scenario name, or an absolute path to a scenario JSON file. */
  scenario: string;
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
      scenario: { type: 'string', default: 'demo' },
      headless: { type: 'boolean', default: false },
      out: { type: 'string', default: 'demo-output' },
      port: { type: 'string', default: '0' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const named = (SCENARIO_NAMES as readonly string[]).includes(values.scenario);
  if (!named && !/\.json$/i.test(values.scenario))
    throw new Error(
      `--scenario must be ${SCENARIO_NAMES.join(', ')} or a scenario .json file, not "${values.scenario}"`,
    );
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65_535) throw new Error(`--port must be 0–65535, not "${values.port}"`);
  // Chromium on Linux needs X11 or Wayland for a window; without either, headed would fail at launch.
  const hasDisplay = Boolean(env.DISPLAY || env.WAYLAND_DISPLAY) || process.platform !== 'linux';
  const headlessReason = values.headless ? 'asked' : hasDisplay ? undefined : 'no display';
  return {
    scenario: named ? values.scenario : resolve(cwd, values.scenario),
    headless: headlessReason !== undefined,
    ...(headlessReason && { headlessReason }),
    out: resolve(cwd, values.out),
    port,
    build: !values['no-build'],
  };
}
