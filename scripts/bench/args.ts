import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const BENCH_USAGE = `Usage: npm run bench -- [--runs N] [--json FILE] [--scenarios demo,large] [--latency MS] [--no-build]
  --runs N       measured runs of each timed figure per scenario (default 5)
  --json FILE    also write the figures as JSON to FILE
  --scenarios    which scenarios to measure (default demo,large)
  --latency MS   the emulator's added latency per request (default 80, a realistic round trip)
  --no-build     use dist/ as it is (by default it is rebuilt when older than the sources)
  --large-baseline
                 also time the sequential baseline for the large scenario (1,000+ requests one
                 after another: about 100 s at 80 ms, so it is left out by default)`;

export const SCENARIOS = ['demo', 'large'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchArgs {
  runs: number;
  /** Absolute, resolved against the directory the user started from. */
  json?: string;
  scenarios: ScenarioName[];
  latencyMs: number;
  build: boolean;
  largeBaseline: boolean;
  help: boolean;
}

const wholeNumber = (flag: string, text: string, min: number, max: number): number => {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw new Error(`${flag} must be a whole number ${min}–${max}, not "${text}"`);
  return n;
};

/** Parses the command line; throws an Error whose message is meant for the user. */
export function parseBenchArgs(argv: string[], cwd: string): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      runs: { type: 'string', default: '5' },
      json: { type: 'string' },
      scenarios: { type: 'string', default: SCENARIOS.join(',') },
      latency: { type: 'string', default: '80' },
      'no-build': { type: 'boolean', default: false },
      'large-baseline': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const scenarios = values.scenarios.split(',').map((s) => s.trim());
  const unknown = scenarios.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
  if (unknown.length || scenarios.length === 0)
    throw new Error(`--scenarios takes ${SCENARIOS.join(', ')} (comma-separated), not "${values.scenarios}"`);
  return {
    runs: wholeNumber('--runs', values.runs, 1, 100),
    ...(values.json !== undefined && { json: resolve(cwd, values.json) }),
    scenarios: [...new Set(scenarios)] as ScenarioName[],
    latencyMs: wholeNumber('--latency', values.latency, 0, 10_000),
    build: !values['no-build'],
    largeBaseline: values['large-baseline'],
    help: values.help,
  };
}
