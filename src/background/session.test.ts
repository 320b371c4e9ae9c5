import { beforeEach, describe, expect, it, vi } from 'vitest';
import { approvalsItem } from '../platform/approval-items.ts';
import { accountsItem } from '../platform/items.ts';
import { activeNotificationIds, notify } from '../platform/notifications.ts';
import { listHeadItem, listStampItem, policiesItem, snapshotItem } from '../platform/pim-items.ts';
import { item } from '../test-support/group-items.ts';
import { signOut, switchAccount } from './session.ts';

// Switching accounts and signing out: what the extension kept of the account it leaves goes at
// once, storage and screen alike, and the account that stays keeps its own. The auth host (MSAL)
// and Graph are not part of this: the end-to-end tests sign in and out for real, and check the cache.
vi.mock('./refresh.ts', () => ({ refresh: vi.fn(async () => undefined) }));
vi.mock('../auth/host-link.ts', () => ({ authHost: () => ({ send: async () => ({ ok: true, value: undefined }) }) }));
vi.mock('../auth/client.ts', async (original) => ({
  ...(await original<typeof import('../auth/client.ts')>()),
  requireConnection: async () => ({ tenant: 'tid', clientId: 'cid', cloud: 'global' }),
}));

const ADELE = { id: 'adele.tid', name: 'Adele', username: 'adele@contoso', tenantId: 'tid' };
const MEGAN = { id: 'megan.tid', name: 'Megan', username: 'megan@contoso', tenantId: 'tid' };
const SQL = item('SG-Prod-SQL-Admins', { active: { assignmentType: 'activated', startMs: 1, endMs: 3_600_000 } });

beforeEach(async () => {
  await accountsItem.set({ activeId: ADELE.id, known: [ADELE, MEGAN] });
  await snapshotItem.set({ accountId: ADELE.id, fetchedAtMs: 1, items: [SQL] });
  const revision = (await listStampItem.get())?.revision ?? '';
  await listHeadItem.set({ revision, accountId: ADELE.id, inputs: '[]', live: SQL.key, total: 1, items: [SQL] });
  await policiesItem.set({
    [SQL.key]: {
      requirements: { maximumMinutes: 480, justification: true, ticket: false, mfa: false, approval: false },
      fetchedAtMs: 1,
    },
  });
  await approvalsItem.set({
    accountId: ADELE.id,
    isApprover: true,
    checkedAtMs: 1,
    fetchedAtMs: 1,
    items: [],
    notified: ['r1'],
  });
  for (const id of [`expiring:${SQL.key}:3600000`, `ended:${SQL.key}:1800000`, 'approval:r1']) {
    await notify(id, { title: 'SG-Prod-SQL-Admins', message: '…' });
  }
});

describe('switching to another account', () => {
  it("drops the other account's list, first screen, approvals, policies and every notification", async () => {
    await switchAccount({ accountId: MEGAN.id });
    expect((await accountsItem.get()).activeId).toBe(MEGAN.id);
    expect(await snapshotItem.get()).toBeNull();
    expect(await listHeadItem.get()).toBeNull();
    expect(await approvalsItem.get()).toBeNull();
    expect(await policiesItem.get()).toEqual({});
    // "Re-activate when it ends" on Adele's prompt would have queued it for Megan.
    expect(await activeNotificationIds()).toEqual([]);
  });
});

describe('signing out', () => {
  it('of the account shown drops what it kept, and every notification', async () => {
    await signOut({ accountId: ADELE.id });
    expect(await accountsItem.get()).toEqual({ activeId: MEGAN.id, known: [MEGAN] });
    expect(await snapshotItem.get()).toBeNull();
    expect(await listHeadItem.get()).toBeNull();
    expect(await approvalsItem.get()).toBeNull();
    expect(await activeNotificationIds()).toEqual([]);
  });

  it("of another account keeps the shown account's list, first screen, approvals and notifications", async () => {
    await signOut({ accountId: MEGAN.id });
    expect(await accountsItem.get()).toEqual({ activeId: ADELE.id, known: [ADELE] });
    expect((await snapshotItem.get())?.accountId).toBe(ADELE.id);
    expect((await listHeadItem.get())?.accountId).toBe(ADELE.id);
    expect((await approvalsItem.get())?.accountId).toBe(ADELE.id);
    expect((await activeNotificationIds()).sort()).toEqual([
      'approval:r1',
      `ended:${SQL.key}:1800000`,
      `expiring:${SQL.key}:3600000`,
    ]);
  });
});
