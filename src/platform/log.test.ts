import { describe, expect, it, vi } from 'vitest';
import { log } from './log.ts';

describe('log', () => {
  it('prefixes the scope and redacts tokens in messages and details', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    log.warn('auth', 'token call failed', new Error('bad Bearer abcdefghijklmnopqrst'));
    expect(warn).toHaveBeenCalledWith('[pim:auth] token call failed Error: bad Bearer [redacted]');
  });

  it('serialises structured details', () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    log.info('refresh', 'done', { groups: 3 });
    expect(info).toHaveBeenCalledWith('[pim:refresh] done {"groups":3}');
  });
});
