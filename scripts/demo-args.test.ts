import { describe, expect, it } from 'vitest';
import { parseDemoArgs } from './demo-args.ts';

const linux = process.platform === 'linux';

describe('demo command line', () => {
  it('opens a window when there is a display, with a free port and a fresh build', () => {
    expect(parseDemoArgs([], { DISPLAY: ':0' }, '/repo')).toEqual({
      scenario: 'demo',
      headless: false,
      out: '/repo/demo-output',
      port: 0,
      build: true,
    });
  });

  it('runs headless when asked', () => {
    const args = parseDemoArgs(['--headless', '--out', 'shots', '--port=8443', '--no-build'], { DISPLAY: ':0' }, '/x');
    expect(args).toEqual({
      scenario: 'demo',
      headless: true,
      headlessReason: 'asked',
      out: '/x/shots',
      port: 8443,
      build: false,
    });
  });

  it('takes a named scenario or a scenario file, resolved where the user is', () => {
    expect(parseDemoArgs(['--scenario', 'large'], { DISPLAY: ':0' }, '/x').scenario).toBe('large');
    expect(parseDemoArgs(['--scenario=my/tenant.json'], { DISPLAY: ':0' }, '/x').scenario).toBe('/x/my/tenant.json');
    expect(() => parseDemoArgs(['--scenario', 'big'], {}, '/')).toThrow(
      '--scenario must be demo, surprises, hundreds, large or a scenario .json file, not "big"',
    );
  });

  it.runIf(linux)('falls back to headless without a display', () => {
    expect(parseDemoArgs([], {}, '/repo')).toMatchObject({ headless: true, headlessReason: 'no display' });
    expect(parseDemoArgs([], { WAYLAND_DISPLAY: 'wayland-0' }, '/repo').headless).toBe(false);
  });

  it('rejects what it does not understand, in words the user can act on', () => {
    expect(() => parseDemoArgs(['--port', 'abc'], {}, '/')).toThrow('--port must be 0–65535, not "abc"');
    expect(() => parseDemoArgs(['--port', '70000'], {}, '/')).toThrow('--port must be');
    expect(() => parseDemoArgs(['--colour'], {}, '/')).toThrow(/--colour/);
  });
});
