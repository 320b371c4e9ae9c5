import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './args.ts';

describe('parseBenchArgs', () => {
  it('has defaults for a plain `npm run bench`', () => {
    expect(parseBenchArgs([], '/repo')).toEqual({
      runs: 5,
      scenarios: ['demo', 'large'],
      latencyMs: 80,
      build: true,
      largeBaseline: false,
      help: false,
    });
  });

  it('takes runs, a JSON path relative to where it was started, scenarios, latency, --no-build and --large-baseline', () => {
    const args = parseBenchArgs(
      [
        '--runs',
        '3',
        '--json',
        'out/bench.json',
        '--scenarios',
        'large',
        '--latency',
        '0',
        '--no-build',
        '--large-baseline',
      ],
      '/home/me',
    );
    expect(args).toEqual({
      runs: 3,
      json: '/home/me/out/bench.json',
      scenarios: ['large'],
      latencyMs: 0,
      build: false,
      largeBaseline: true,
      help: false,
    });
  });

  it('refuses what it cannot run, saying why', () => {
    expect(() => parseBenchArgs(['--runs', '0'], '/')).toThrow('--runs must be a whole number 1–100, not "0"');
    expect(() => parseBenchArgs(['--runs', '2.5'], '/')).toThrow(/--runs/);
    expect(() => parseBenchArgs(['--scenarios', 'demo,huge'], '/')).toThrow(/--scenarios takes demo, large/);
    expect(() => parseBenchArgs(['--latency', '-1'], '/')).toThrow();
    expect(() => parseBenchArgs(['--fast'], '/')).toThrow(/Unknown option/);
  });
});
