import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { operationGoalReached } from '../core/operation-goal.ts';
import type { GroupItem, Operation } from '../core/pim-state.ts';
import { presetRef } from '../core/presets/ref.ts';
import { GROUP_A, GROUP_B, preset, TENANT } from '../core/presets/test-fixtures.ts';
import { operationsItem, refreshStatusItem, snapshotItem } from '../platform/pim-items.ts';
import { myPresetsItem, presetRunsItem } from '../platform/preset-items.ts';
import { type RecoveryDeps, recoverInterrupted as recover } from './interrupted.ts';
import { INTERRUPTED, settleInterrupted, startOperation } from './operations.ts';
import { settleInterruptedRuns } from './presets.ts';

// The refresh talks to Graph; here it is the test's, and the list is what the test stores.
const refresh = vi.fn<RecoveryDeps['refresh']>(async () => undefined);
const recoverInterrupted = () => recover({ refresh, refreshUnderWay: () => false });

const A = `${GROUP_A}:member`;
const B = `${GROUP_B}:member`;
const item = (key: string, extra: Partial<GroupItem> = {}): GroupItem => ({
  key,
  groupId: key.split(':')[0] ?? '',
  groupName: key === A ? 'SG-A' : 'SG-B',
  accessId: 'member',
  eligible: true,
  eligibleUntilMs: null,
  ...extra,
});
const running = (key: string, kind: Operation['kind']): Operation => ({ key, kind, phase: 'running', startedAtMs: 1 });

beforeEach(() => {
  vi.spyOn(console, 'info').mockImplementation(() => {});
  refresh.mockClear();
});

describe('operationGoalReached', () => {
  it('activate: active, pending or scheduled; deactivate: not active; cancel: nothing waiting', () => {
    const active = item(A, { active: { assignmentType: 'activated', startMs: 0, endMs: 1 } });
    const pending = item(A, { pending: { requestId: 'r', createdMs: 0, startMs: null } });
    const plain = item(A);
    expect([active, pending, plain].map((i) => operationGoalReached('activate', i))).toEqual([true, true, false]);
    expect([active, pending, plain].map((i) => operationGoalReached('deactivate', i))).toEqual([false, true, true]);
    expect([active, pending, plain].map((i) => operationGoalReached('cancel', i))).toEqual([true, false, true]);
    expect(operationGoalReached('activate', undefined)).toBe(false);
  });
});

describe('a worker that starts after one was stopped mid-operation', () => {
  beforeEach(async () => {
    await snapshotItem.set({ accountId: 'u.t', fetchedAtMs: 0, items: [item(A), item(B)] });
  });

  it('turns what was left running into a failure that says so, and reads the list', async () => {
    const failed: Operation = { key: B, kind: 'deactivate', phase: 'failed', startedAtMs: 1, code: 'x', message: 'm' };
    await operationsItem.set({ [A]: running(A, 'activate'), [B]: failed });
    await refreshStatusItem.set({ refreshing: true, lastSuccessMs: 5 });
    await recoverInterrupted();
    const ops = await operationsItem.get();
    expect(ops[A]).toMatchObject({ phase: 'failed', code: INTERRUPTED });
    expect(ops[A]?.message).toMatch(/^The browser stopped the extension before the activation of SG-A finished\./);
    expect(ops[B]).toEqual(failed);
    expect(await refreshStatusItem.get()).toEqual({ refreshing: false, lastSuccessMs: 5 });
    expect(refresh).toHaveBeenCalledWith({ force: true });
  });

  it('leaves an operation this worker started alone, and reads nothing when nothing was cut short', async () => {
    await operationsItem.set({});
    const recovering = recoverInterrupted();
    await startOperation(A, 'cancel');
    await recovering;
    expect((await operationsItem.get())[A]).toMatchObject({ phase: 'running', kind: 'cancel' });
    expect(refresh).not.toHaveBeenCalled();
  });

  it('writes nothing when nothing was cut short: a damaged value stays for its reader to report', async () => {
    await fakeBrowser.storage.session.set({
      'session:operations': { x: { phase: 'exploded' } },
      'session:presetRuns': 'x',
    });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await recoverInterrupted();
    expect(await fakeBrowser.storage.session.get(['session:operations', 'session:presetRuns'])).toEqual({
      'session:operations': { x: { phase: 'exploded' } },
      'session:presetRuns': 'x',
    });
  });

  it('ends a preset run that was left running; entries without a result can be retried', async () => {
    const p = preset({
      tenantId: TENANT,
      entries: [
        { groupId: GROUP_A, accessId: 'member' },
        { groupId: GROUP_B, accessId: 'member' },
      ],
    });
    await myPresetsItem.set([p]);
    await operationsItem.set({});
    await presetRunsItem.set({
      [presetRef(p)]: {
        presetRef: presetRef(p),
        running: true,
        results: [{ groupId: GROUP_A, accessId: 'member', ok: true, status: 'active' }],
      },
    });
    await recoverInterrupted();
    const run = (await presetRunsItem.get())[presetRef(p)];
    expect(run?.running).toBe(false);
    expect(run?.results).toEqual([
      { groupId: GROUP_A, accessId: 'member', ok: true, status: 'active' },
      {
        groupId: GROUP_B,
        accessId: 'member',
        ok: false,
        status: INTERRUPTED,
        message: expect.stringMatching(/^The browser stopped the extension before the activation of SG-B finished\./),
      },
    ]);
    expect(refresh).toHaveBeenCalledWith({ force: true });
    // The list, read again, shows SG-B active: the entry went through after all.
    await settleInterruptedRuns([item(A), item(B, { active: { assignmentType: 'activated', startMs: 0, endMs: 1 } })]);
    expect((await presetRunsItem.get())[presetRef(p)]?.results[1]).toEqual({
      groupId: GROUP_B,
      accessId: 'member',
      ok: true,
      status: 'active',
    });
  });

  it('after a refresh, forgets an interrupted operation whose goal the list shows reached, and only that', async () => {
    await operationsItem.set({
      [A]: { ...running(A, 'activate'), phase: 'failed', code: INTERRUPTED, message: 'cut short' },
      [B]: { ...running(B, 'activate'), phase: 'failed', code: INTERRUPTED, message: 'cut short' },
    });
    await settleInterrupted([item(A, { active: { assignmentType: 'activated', startMs: 0, endMs: 1 } }), item(B)]);
    expect(Object.keys(await operationsItem.get())).toEqual([B]);
  });
});
