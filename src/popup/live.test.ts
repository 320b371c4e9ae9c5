import { describe, expect, it } from 'vitest';
import type { Operation } from '../core/pim-state.ts';
import { item } from '../test-support/group-items.ts';
import { liveKeys } from './live.ts';
import type { LocalView } from './useActions.ts';

const NOW = Date.UTC(2026, 11, 5, 12, 0);
const local = (ops: LocalView['ops'] = {}): LocalView => ({
  expanded: null,
  ops,
  notes: {},
  overlays: {},
  dismissed: {},
});
const [a, b, c] = [item('A'), item('B'), item('C')];
const running = (key: string): Operation => ({ key, kind: 'activate', phase: 'running', startedAtMs: NOW });

describe('what is in "Now"', () => {
  it('a request running when the popup opened is; one this popup just started moves only when it settles', () => {
    const stored = { [a.key]: running(a.key), [b.key]: running(b.key) };
    // B was clicked here: its row stays put while the background's record says running too.
    expect(liveKeys([a, b, c], stored, local({ [b.key]: { kind: 'activate', phase: 'running' } }), NOW)).toBe(a.key);
    // Its outcome landed: active, so it moves.
    const active = { ...b, active: { assignmentType: 'activated' as const, startMs: NOW, endMs: NOW + 3_600_000 } };
    expect(liveKeys([a, active, c], { [a.key]: running(a.key) }, local(), NOW)).toBe(`${a.key} ${b.key}`);
    // A failure the popup saw moves it too.
    const failed = local({ [c.key]: { kind: 'activate', phase: 'failed', message: 'No.' } });
    expect(liveKeys([a, b, c], {}, failed, NOW)).toBe(c.key);
  });
});
