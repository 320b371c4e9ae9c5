import { beforeEach, describe, expect, it, vi } from 'vitest';
import { activeAccountId } from '../auth/accounts.ts';
import type { ActivationRequirements } from '../core/policy.ts';
import { listAlarms } from '../platform/alarms.ts';
import { activeNotificationIds } from '../platform/notifications.ts';
import { activationMemoryItem, reactivationsItem } from '../platform/pim-items.ts';
import { activate } from './activation.ts';
import {
  cancelReactivation,
  dropOtherAccountsReactivations,
  queueReactivation,
  reactivationPossible,
  runReactivation,
  takeReactivated,
} from './reactivation.ts';
import { getRequirements } from './requirements.ts';

// The account, the policy and the activation are mocks; storage, alarms and notifications are the fake browser's.
vi.mock('../auth/accounts.ts', () => ({ activeAccountId: vi.fn() }));
vi.mock('./requirements.ts', () => ({ getRequirements: vi.fn() }));
vi.mock('./activation.ts', () => ({ activate: vi.fn(async () => ({ status: 'active', endMs: END + HOUR })) }));
vi.mock('./server-time.ts', () => ({ localTimeOf: vi.fn(async (ms: number) => ms) }));

const HOUR = 3_600_000;
const END = Date.UTC(2026, 11, 5, 14, 0);
const KEY = 'g1:member';
const ADELE = 'adele.tenant';
const needs = (patch: Partial<ActivationRequirements> = {}): ActivationRequirements => ({
  maximumMinutes: 480,
  justification: true,
  ticket: false,
  mfa: false,
  approval: false,
  ...patch,
});
const alarmNames = async () => (await listAlarms()).map((a) => a.name);

beforeEach(async () => {
  vi.mocked(activeAccountId).mockResolvedValue(ADELE);
  vi.mocked(getRequirements).mockResolvedValue(needs());
  vi.mocked(activate).mockClear();
  await activationMemoryItem.set({
    perItem: { [KEY]: { durationMinutes: 60, justification: 'Patch night' } },
    recentJustifications: [],
  });
});

describe('whether a re-activation can run with nobody there', () => {
  it('needs no approval, ticket, MFA or authentication context, and a remembered reason if one is asked', async () => {
    expect(await reactivationPossible(KEY)).toBe(true);
    for (const patch of [{ approval: true }, { ticket: true }, { mfa: true }, { authContext: 'c1' }]) {
      vi.mocked(getRequirements).mockResolvedValueOnce(needs(patch));
      expect(await reactivationPossible(KEY)).toBe(false);
    }
    expect(await reactivationPossible('g2:member')).toBe(false); // justification asked, none remembered
    vi.mocked(getRequirements).mockResolvedValueOnce(needs({ justification: false }));
    expect(await reactivationPossible('g2:member')).toBe(true);
  });
});

describe('a queued re-activation', () => {
  it('belongs to the account that asked, with an alarm and a note; cancelled, all three go', async () => {
    await queueReactivation(KEY, END);
    expect(await reactivationsItem.get()).toEqual({ [KEY]: { accountId: ADELE, atMs: END } });
    expect(await alarmNames()).toEqual([`reactivate:${KEY}`]);
    expect(await activeNotificationIds()).toEqual([`reactivate-queued:${KEY}`]);
    await cancelReactivation({ key: KEY });
    expect(await reactivationsItem.get()).toEqual({});
    expect(await alarmNames()).toEqual([]);
    expect(await activeNotificationIds()).toEqual([]);
    await runReactivation(KEY);
    expect(activate).not.toHaveBeenCalled();
  });

  it('is not queued where it would need input', async () => {
    vi.mocked(getRequirements).mockResolvedValue(needs({ ticket: true }));
    await queueReactivation(KEY, END);
    expect(await reactivationsItem.get()).toEqual({});
  });

  it('is dropped when another account becomes the active one, and never runs as that account', async () => {
    await queueReactivation(KEY, END);
    vi.mocked(activeAccountId).mockResolvedValue('megan.tenant');
    await dropOtherAccountsReactivations();
    expect(await reactivationsItem.get()).toEqual({});
    await reactivationsItem.set({ [KEY]: { accountId: ADELE, atMs: END } }); // as if the drop had not run
    await runReactivation(KEY);
    expect(activate).not.toHaveBeenCalled();
    expect(await reactivationsItem.get()).toEqual({});
  });

  it('runs once with the remembered settings, and the watcher announces it as a re-activation once', async () => {
    await queueReactivation(KEY, END);
    await runReactivation(KEY);
    await runReactivation(KEY);
    expect(vi.mocked(activate).mock.calls).toEqual([
      [{ groupId: 'g1', accessId: 'member', durationMinutes: 60, justification: 'Patch night' }],
    ]);
    expect(await alarmNames()).toEqual([]);
    expect(await takeReactivated(KEY)).toBe(true);
    expect(await takeReactivated(KEY)).toBe(false);
  });
});
