import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivationOutcome, ActivationRequest } from '../core/pim-state.ts';
import { presetRef } from '../core/presets/ref.ts';
import { GROUP_A, GROUP_B, GROUP_C, OTHER_TENANT, preset, presetSet, TENANT } from '../core/presets/test-fixtures.ts';
import { AppError } from '../core/result.ts';
import { accountsItem } from '../platform/items.ts';
import type { PresetRun } from '../platform/messages.ts';
import { policiesItem } from '../platform/pim-items.ts';
import { myPresetsItem, presetRunsItem } from '../platform/preset-items.ts';
import { presetAppUrlFor } from '../platform/presets.ts';
import { DEFAULT_SIGN_IN_URL, signOutAndIn } from './notification-actions.ts';
import { applyPresetWith, PRESET_PARALLELISM, type PresetRunDeps, policyMaximum, runPreset } from './presets.ts';

// The real activation talks to Graph; here it is the tests' (`deps`). The policy is the cached one
// in the fake browser's storage.
const activateMock = vi.fn<PresetRunDeps['activate']>();
const now = Date.UTC(2026, 10, 30, 12, 0);

/** GUIDs for entries past the fixtures' three groups. */
const group = (n: number) => `0d000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

beforeEach(async () => {
  vi.spyOn(console, 'info').mockImplementation(() => {});
  activateMock.mockReset();
  await accountsItem.set({
    activeId: 'u.t',
    known: [{ id: 'u.t', username: 'adele@contoso.com', name: 'Adele', tenantId: TENANT.toUpperCase() }],
  });
});

function deps(overrides: Partial<PresetRunDeps> = {}): PresetRunDeps {
  return {
    activate: async () => ({ status: 'active', endMs: null }),
    maximumMinutes: async () => undefined,
    now: () => now,
    ...overrides,
  };
}

describe('applying a preset', () => {
  it(`activates every entry, at most ${PRESET_PARALLELISM} at once, and reports them in entry order`, async () => {
    const entries = [...Array(7).keys()].map((n) => ({ groupId: group(n), accessId: 'member' as const }));
    const p = preset({ entries });
    await myPresetsItem.set([p]);
    const gates = new Map<string, () => void>();
    let running = 0;
    let most = 0;
    const run = runPreset(
      { presetRef: presetRef(p) },
      deps({
        activate: async (request) => {
          running++;
          most = Math.max(most, running);
          await new Promise<void>((release) => gates.set(request.groupId, release));
          running--;
          return { status: 'active', endMs: null };
        },
      }),
    );
    await vi.waitFor(() => expect(gates.size).toBe(4));
    // The later entries finish first; the results still come in the preset's order.
    for (const n of [3, 2, 1, 0]) gates.get(group(n))?.();
    await vi.waitFor(() => expect(gates.size).toBe(7));
    for (const n of [6, 5, 4]) gates.get(group(n))?.();
    const result = await run;
    expect(most).toBe(PRESET_PARALLELISM);
    expect(result.running).toBe(false);
    expect(result.finishedAtMs).toBe(now);
    expect(result.results.map((r) => r.groupId)).toEqual(entries.map((e) => e.groupId));
    expect(result.results.every((r) => r.ok && r.status === 'active')).toBe(true);
    expect((await presetRunsItem.get())[presetRef(p)]).toEqual(result);
  });

  it('counts "already active" as done and reports each failure with its reason, without stopping the rest', async () => {
    const p = preset({
      entries: [
        { groupId: GROUP_A, accessId: 'member' },
        { groupId: GROUP_B, accessId: 'owner' },
        { groupId: GROUP_C, accessId: 'member' },
      ],
    });
    await myPresetsItem.set([p]);
    const outcomes: Record<string, () => Promise<ActivationOutcome>> = {
      [GROUP_A]: async () => ({ status: 'alreadyActive' }),
      [GROUP_B]: async () => {
        throw new AppError('durationTooLong', 'This group allows at most 1 hour.');
      },
      [GROUP_C]: async () => ({ status: 'pendingApproval', requestId: 'r1' }),
    };
    const result = await runPreset(
      { presetRef: presetRef(p) },
      deps({ activate: (request) => (outcomes[request.groupId] as () => Promise<ActivationOutcome>)() }),
    );
    expect(result.results).toEqual([
      { groupId: GROUP_A, accessId: 'member', ok: true, status: 'alreadyActive' },
      { groupId: GROUP_B, accessId: 'owner', ok: false, message: 'This group allows at most 1 hour.' },
      { groupId: GROUP_C, accessId: 'member', ok: true, status: 'pendingApproval' },
    ]);
  });

  it('turns an unexpected error into a sentence', async () => {
    const p = preset();
    await myPresetsItem.set([p]);
    const result = await runPreset(
      { presetRef: presetRef(p) },
      deps({
        activate: async () => {
          throw new TypeError('boom');
        },
      }),
    );
    expect(result.results[0]).toMatchObject({ ok: false, message: 'Something unexpected went wrong: boom' });
  });

  it("sends the preset's values with the duration capped per group and the ticket typed when applying", async () => {
    const p = preset({
      durationMinutes: 480,
      ticketNumber: 'INC1',
      entries: [
        { groupId: GROUP_A, accessId: 'member' },
        { groupId: GROUP_B, accessId: 'member' },
      ],
    });
    await myPresetsItem.set([p]);
    const sent: ActivationRequest[] = [];
    await runPreset(
      { presetRef: presetRef(p), ticketNumber: 'CHG9' },
      deps({
        activate: async (request) => {
          sent.push(request);
          return { status: 'active', endMs: null };
        },
        maximumMinutes: async (groupId) => (groupId === GROUP_A ? 120 : undefined),
      }),
    );
    expect(sent.sort((a, b) => a.groupId.localeCompare(b.groupId))).toEqual([
      {
        groupId: GROUP_A,
        accessId: 'member',
        durationMinutes: 120,
        justification: 'Ticket CHG9: helpdesk duty on 2026-11-30',
        ticketNumber: 'CHG9',
        ticketSystem: 'ServiceNow',
      },
      {
        groupId: GROUP_B,
        accessId: 'member',
        durationMinutes: 480,
        justification: 'Ticket CHG9: helpdesk duty on 2026-11-30',
        ticketNumber: 'CHG9',
        ticketSystem: 'ServiceNow',
      },
    ]);
  });

  it('writes progress to session storage as entries finish', async () => {
    const p = preset({
      entries: [
        { groupId: GROUP_A, accessId: 'member' },
        { groupId: GROUP_B, accessId: 'member' },
      ],
    });
    await myPresetsItem.set([p]);
    const seen: PresetRun[] = [];
    const stop = presetRunsItem.watch((runs) => {
      const run = runs[presetRef(p)];
      if (run) seen.push(run);
    });
    let releaseB = () => {};
    const run = runPreset(
      { presetRef: presetRef(p) },
      deps({
        activate: async (request) => {
          if (request.groupId === GROUP_B) await new Promise<void>((r) => (releaseB = r));
          return { status: 'active', endMs: null };
        },
      }),
    );
    await vi.waitFor(() =>
      expect(seen.at(-1)).toEqual({
        presetRef: presetRef(p),
        running: true,
        results: [{ groupId: GROUP_A, accessId: 'member', ok: true, status: 'active' }],
      }),
    );
    expect(seen[0]).toEqual({ presetRef: presetRef(p), running: true, results: [] });
    releaseB();
    await run;
    await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ running: false, finishedAtMs: now }));
    expect(seen.at(-1)?.results).toHaveLength(2);
    stop();
  });

  it("applies the organisation's presets too", async () => {
    const pushed = preset({ name: 'Pushed' });
    await fakeBrowser.storage.managed.set({ presets: presetSet([pushed]) });
    const result = await runPreset({ presetRef: `org:${pushed.id.toUpperCase()}` }, deps());
    expect(result).toMatchObject({ presetRef: `org:${pushed.id}`, running: false, results: [{ ok: true }] });
  });

  it("runs the organisation's entries when the user has a preset with the same id, and the user's when asked for theirs", async () => {
    // The enterprise guide's "export, then push": the admin's own preset and the pushed one share an id.
    const own = preset({ name: 'Own copy', entries: [{ groupId: GROUP_A, accessId: 'member' }] });
    const pushed = { ...own, name: 'Pushed', entries: [{ groupId: GROUP_B, accessId: 'owner' as const }] };
    await myPresetsItem.set([own]);
    await fakeBrowser.storage.managed.set({ presets: presetSet([pushed]) });
    const asked: string[] = [];
    const record = deps({
      activate: async (request) => {
        asked.push(`${request.groupId}:${request.accessId}`);
        return { status: 'active', endMs: null };
      },
    });
    expect(await runPreset({ presetRef: `org:${own.id}` }, record)).toMatchObject({ presetRef: `org:${own.id}` });
    expect(asked).toEqual([`${GROUP_B}:owner`]);
    expect(await runPreset({ presetRef: `mine:${own.id}` }, record)).toMatchObject({ presetRef: `mine:${own.id}` });
    expect(asked).toEqual([`${GROUP_B}:owner`, `${GROUP_A}:member`]);
    // Both runs are kept, each under its own ref.
    expect(Object.keys(await presetRunsItem.get()).sort()).toEqual([`mine:${own.id}`, `org:${own.id}`]);
  });

  it('refuses a bare id or a malformed ref, activating nothing', async () => {
    const p = preset();
    await myPresetsItem.set([p]);
    const activateSpy = vi.fn();
    for (const bad of [p.id, `user:${p.id}`, `org:${p.id}`, `mine:${p.id}x`, undefined]) {
      await expect(runPreset({ presetRef: bad as string }, deps({ activate: activateSpy }))).rejects.toMatchObject({
        code: 'presetNotFound',
      });
    }
    expect(activateSpy).not.toHaveBeenCalled();
  });

  it('refuses an unknown preset, a preset of another tenant, and a signed-out user, activating nothing', async () => {
    const activateSpy = vi.fn();
    const d = deps({ activate: activateSpy });
    await expect(runPreset({ presetRef: presetRef(preset()) }, d)).rejects.toMatchObject({
      code: 'presetNotFound',
      message: expect.stringMatching(/no longer exists/),
    });
    const foreign = preset({ name: 'Foreign', tenantId: OTHER_TENANT });
    await myPresetsItem.set([foreign]);
    await expect(runPreset({ presetRef: presetRef(foreign) }, d)).rejects.toMatchObject({
      code: 'presetOtherTenant',
      message: expect.stringContaining("'Foreign'"),
    });
    await accountsItem.set({ activeId: '', known: [] });
    await expect(runPreset({ presetRef: presetRef(foreign) }, d)).rejects.toMatchObject({ code: 'auth-required' });
    expect(activateSpy).not.toHaveBeenCalled();
    expect(await presetRunsItem.get()).toEqual({});
  });

  it("returns to the preset's app after signing out and in, for the items it activated", async () => {
    vi.spyOn(browser.identity, 'launchWebAuthFlow').mockResolvedValue(
      `https://${browser.runtime.id}.chromiumapp.org/` as never,
    );
    const p = preset({ appUrl: 'https://portal.azure.com/' });
    await myPresetsItem.set([p]);
    await runPreset({ presetRef: presetRef(p) }, deps());
    expect(await presetAppUrlFor(`${GROUP_A}:member`)).toBe('https://portal.azure.com/');
    const returnTo = async (key?: string) => (await signOutAndIn(key)).page;
    expect(await returnTo(`${GROUP_A}:member`)).toBe('https://portal.azure.com/');
    expect(await returnTo(`${GROUP_B}:member`)).toBe(DEFAULT_SIGN_IN_URL);
    expect(await returnTo()).toBe(DEFAULT_SIGN_IN_URL);
    // A preset without an app applied later to the same group: back to the default.
    const plain = preset({ appUrl: '' });
    await myPresetsItem.set([p, plain]);
    await runPreset({ presetRef: presetRef(plain) }, deps());
    expect(await returnTo(`${GROUP_A}:member`)).toBe(DEFAULT_SIGN_IN_URL);
  });
});

describe('applyPreset (the message handler)', () => {
  it('runs once for a double click, through activate with the policy maximum', async () => {
    const p = preset({ durationMinutes: 240 });
    await myPresetsItem.set([p]);
    await policiesItem.set({
      [`${GROUP_A}:member`]: {
        requirements: { maximumMinutes: 120, justification: false, ticket: false, mfa: false, approval: false },
        fetchedAtMs: Date.now(),
      },
    });
    activateMock.mockImplementation(async () => ({ status: 'active', endMs: null }));
    const applyPreset = applyPresetWith({
      activate: activateMock,
      maximumMinutes: policyMaximum,
      now: () => Date.now(),
    });
    const [a, b] = await Promise.all([
      applyPreset({ presetRef: presetRef(p) }),
      applyPreset({ presetRef: presetRef(p) }),
    ]);
    expect(a).toBe(b);
    expect(activateMock).toHaveBeenCalledTimes(1);
    expect(activateMock.mock.calls[0]?.[0]).toMatchObject({ groupId: GROUP_A, durationMinutes: 120 });
    // Finished: the next click runs again.
    await applyPreset({ presetRef: presetRef(p) });
    expect(activateMock).toHaveBeenCalledTimes(2);
  });
});
