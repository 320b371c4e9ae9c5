import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type ActivationRequest, itemKey } from '../core/pim-state.ts';
import { presetRef } from '../core/presets/ref.ts';
import { preset, TENANT } from '../core/presets/test-fixtures.ts';
import { accountsItem } from '../platform/items.ts';
import { activationMemoryItem, recentItem } from '../platform/pim-items.ts';
import { myPresetsItem } from '../platform/preset-items.ts';
import { rememberActivation } from './memory.ts';
import { runPreset } from './presets.ts';

const now = Date.UTC(2026, 10, 30, 12, 0);
const group = (n: number) => `0d000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const request = (n: number, justification: string): ActivationRequest => ({
  groupId: group(n),
  accessId: 'member',
  durationMinutes: 30 + n,
  justification,
});

beforeEach(async () => {
  vi.spyOn(console, 'info').mockImplementation(() => {});
  vi.useFakeTimers({ toFake: ['Date'], now });
  await accountsItem.set({
    activeId: 'u.t',
    known: [{ id: 'u.t', username: 'adele@contoso.com', name: 'Adele', tenantId: TENANT }],
  });
});

describe('remembering activations', () => {
  it('a preset applied to six groups, four at once, remembers every one of them', async () => {
    const entries = [1, 2, 3, 4, 5, 6].map((n) => ({ groupId: group(n), accessId: 'member' as const }));
    const p = preset({ entries, justification: 'Helpdesk duty', ticketSystem: undefined });
    await myPresetsItem.set([p]);
    // What activation.ts does once Graph accepted a request.
    const activate = async (r: ActivationRequest) => {
      await rememberActivation(itemKey(r.groupId, r.accessId), r);
      return { status: 'active' as const, endMs: null };
    };
    const run = await runPreset(
      { presetRef: presetRef(p) },
      { activate, maximumMinutes: async () => 60, now: () => now },
    );

    expect(run.results.map((r) => r.ok)).toEqual([true, true, true, true, true, true]);
    const keys = entries.map((e) => itemKey(e.groupId, e.accessId));
    expect(await activationMemoryItem.get()).toEqual({
      perItem: Object.fromEntries(keys.map((key) => [key, { durationMinutes: 60, justification: 'Helpdesk duty' }])),
      recentJustifications: ['Helpdesk duty'],
    });
    expect(await recentItem.get()).toEqual(Object.fromEntries(keys.map((key) => [key, now])));
  });

  it('five activations finishing together keep all five justifications, newest first', async () => {
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) => rememberActivation(itemKey(group(n), 'member'), request(n, `reason ${n}`))),
    );
    const memory = await activationMemoryItem.get();
    expect(memory.recentJustifications).toEqual(['reason 5', 'reason 4', 'reason 3', 'reason 2', 'reason 1']);
    expect(Object.keys(memory.perItem).sort()).toEqual([1, 2, 3, 4, 5].map((n) => itemKey(group(n), 'member')));
    expect(Object.keys(await recentItem.get()).sort()).toEqual([1, 2, 3, 4, 5].map((n) => itemKey(group(n), 'member')));
  });
});
