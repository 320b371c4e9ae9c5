import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import type { AccountSummary } from '../core/account.ts';
import { fail } from '../core/result.ts';
import { accountsItem, connectionItem, MAX_ACCOUNTS } from '../platform/items.ts';
import { activeAccount, readAccounts, rememberAccount } from './accounts.ts';
import { authHostChannel } from './channel.ts';

// A damaged `settings:accounts` must not sign anyone out: MSAL's cache in the auth host still holds
// the accounts, and it is the authority on who is signed in. (The auth host is reached through the
// fake browser's offscreen document; its answers are the test's.)

const account = (n: number): AccountSummary => ({
  id: `home-${n}`,
  username: `user${n}@contoso.example`,
  name: `User ${n}`,
  tenantId: 'tenant',
});

let inCache: AccountSummary[] = [];
let send: MockInstance<typeof authHostChannel.send>;

beforeEach(async () => {
  inCache = [account(1)];
  send = vi.spyOn(authHostChannel, 'send').mockImplementation(async (type) => {
    if (type !== 'listAccounts') throw new Error(`unexpected ${type}`);
    return { ok: true, value: inCache } as never;
  });
  await connectionItem.set({
    tenant: 'contoso.example',
    clientId: '00000000-0000-0000-0000-000000000001',
    cloud: 'global',
  });
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'info').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

const stored = async () => (await fakeBrowser.storage.local.get(accountsItem.key))[accountsItem.key];

describe('account list repair', () => {
  it('rebuilds a truncated list from the sign-in cache, the only account active again', async () => {
    await fakeBrowser.storage.local.set({ [accountsItem.key]: '{"activeId":"home-1","kn' });
    expect(await activeAccount()).toEqual(account(1));
    expect(await stored()).toEqual({ activeId: 'home-1', known: [account(1)] });
    expect(send).toHaveBeenCalledTimes(1);
    expect(console.info).toHaveBeenCalledWith(
      '[pim:accounts] settings:accounts rebuilt from the sign-in cache: 1 account(s)',
    );
    // Repaired once: the next read asks nobody.
    await readAccounts();
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('keeps the surviving active account and order, adds the cached ones, drops the signed-out', async () => {
    inCache = [account(3), account(1), account(2)];
    await fakeBrowser.storage.local.set({
      [accountsItem.key]: { activeId: 'home-2', known: [account(2), { id: 9 }, account(4)] },
    });
    expect(await readAccounts()).toEqual({ activeId: 'home-2', known: [account(2), account(3), account(1)] });
  });

  it('leaves the choice to the user when several accounts remain and the active one is unknown', async () => {
    inCache = [account(1), account(2)];
    await fakeBrowser.storage.local.set({ [accountsItem.key]: { activeId: 7, known: 'everyone' } });
    expect(await readAccounts()).toEqual({ activeId: '', known: [account(1), account(2)] });
  });

  it('keeps what survived, unwritten, when the auth host cannot answer, and tries again next time', async () => {
    send.mockResolvedValueOnce(fail('auth-host-unavailable', 'no host') as never);
    await fakeBrowser.storage.local.set({ [accountsItem.key]: { activeId: 'home-1', known: [account(1), 5] } });
    expect(await readAccounts()).toEqual({ activeId: 'home-1', known: [account(1)] });
    expect(await stored()).toEqual({ activeId: 'home-1', known: [account(1), 5] });
    expect(await readAccounts()).toEqual({ activeId: 'home-1', known: [account(1)] });
    expect(await stored()).toEqual({ activeId: 'home-1', known: [account(1)] });
  });

  it('does not start the auth host for an intact list, nor without a connection', async () => {
    await accountsItem.set({ activeId: 'home-1', known: [account(1)] });
    await readAccounts();
    await connectionItem.remove();
    await fakeBrowser.storage.local.set({ [accountsItem.key]: { activeId: 'home-1', known: [account(1), null] } });
    expect(await readAccounts()).toEqual({ activeId: 'home-1', known: [account(1)] });
    expect(send).not.toHaveBeenCalled();
    expect(await stored()).toEqual({ activeId: 'home-1', known: [account(1)] });
  });

  it(`keeps the ${MAX_ACCOUNTS} most recent sign-ins instead of losing the list at the next one`, async () => {
    for (let n = 1; n <= MAX_ACCOUNTS + 1; n++) await rememberAccount(account(n));
    const { activeId, known } = await accountsItem.get();
    expect(activeId).toBe(`home-${MAX_ACCOUNTS + 1}`);
    expect(known.map((a) => a.id)).toEqual(
      Array.from({ length: MAX_ACCOUNTS }, (_, i) => `home-${MAX_ACCOUNTS + 1 - i}`),
    );
  });
});
