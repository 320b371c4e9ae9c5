import type { AccountSummary } from '../core/account.ts';
import { isConfigured } from '../core/connection.ts';
import { readConnection } from '../platform/connection.ts';
import { accountsItem, MAX_ACCOUNTS } from '../platform/items.ts';
import { log } from '../platform/log.ts';
import { authHost } from './host-link.ts';

type Accounts = Awaited<ReturnType<typeof accountsItem.get>>;

let rebuilding: Promise<Accounts> | undefined;

/**
 * The account list. When storage damage lost part of it, it is rebuilt from MSAL's cache in the
 * auth host: that cache, not this list, decides who is signed in (a sign-out clears both), so
 * what it lists is exactly who can get a token without a password. Names only, no tokens.
 */
export async function readAccounts(): Promise<Accounts> {
  const { value, damaged } = await accountsItem.read();
  if (!damaged) return value;
  rebuilding ??= rebuild(value).finally(() => {
    rebuilding = undefined;
  });
  return rebuilding;
}

async function rebuild(salvaged: Accounts): Promise<Accounts> {
  const { connection } = await readConnection();
  if (isConfigured(connection)) {
    const listed = await authHost().send('listAccounts', { connection });
    if (!listed.ok) {
      // Keep what survived; the next read tries again.
      log.warn('accounts', `settings:accounts could not be rebuilt from the sign-in cache (${listed.error.code})`);
      return salvaged;
    }
    const inCache = new Map(listed.value.map((a) => [a.id, a]));
    // The surviving order first (most recent first), then whoever else the cache holds.
    const known = [
      ...salvaged.known.filter((a) => inCache.has(a.id)).map((a) => inCache.get(a.id) as AccountSummary),
      ...listed.value.filter((a) => !salvaged.known.some((k) => k.id === a.id)),
    ].slice(0, MAX_ACCOUNTS);
    // The active account is kept when it survived; guessed only when there is no choice to make.
    const only = known.length === 1 ? known[0]?.id : undefined;
    const activeId = known.some((a) => a.id === salvaged.activeId) ? salvaged.activeId : (only ?? '');
    salvaged = { activeId, known };
    log.info('accounts', `settings:accounts rebuilt from the sign-in cache: ${known.length} account(s)`);
  }
  // Written back either way, so the damage is repaired (and logged) once.
  await accountsItem.set(salvaged);
  return salvaged;
}

export async function activeAccountId(): Promise<string> {
  return (await readAccounts()).activeId;
}

export async function activeAccount(): Promise<AccountSummary | undefined> {
  const { activeId, known } = await readAccounts();
  return known.find((a) => a.id === activeId);
}

/**
 * Changes the account list through its key's queue (two sign-ins, or a renewal during a switch,
 * never lose each other's change), after a damaged list has been rebuilt.
 */
async function changeAccounts(change: (state: Accounts) => Accounts): Promise<Accounts> {
  await readAccounts();
  return accountsItem.update(change);
}

/**
 * After a token was had: the account is current (no longer "sign-in needed") with the names Entra
 * gave. An interactive sign-in also makes it the active account, listed first; a silent renewal
 * (`keepActive`) only updates its entry, and writes nothing when nothing changed.
 */
export async function rememberAccount(account: AccountSummary, { keepActive = false } = {}): Promise<void> {
  const { signInNeeded: _ended, ...current } = account;
  await changeAccounts(({ activeId, known }) => {
    if (keepActive) {
      const index = known.findIndex((a) => a.id === account.id);
      if (index < 0 || sameSummary(known[index] as AccountSummary, current)) return { activeId, known };
      return { activeId, known: known.map((a, i) => (i === index ? current : a)) };
    }
    const rest = known.filter((a) => a.id !== account.id);
    return { activeId: account.id, known: [current, ...rest].slice(0, MAX_ACCOUNTS) };
  });
}

const sameSummary = (a: AccountSummary, b: AccountSummary) =>
  a.username === b.username &&
  a.name === b.name &&
  a.tenantId === b.tenantId &&
  a.objectId === b.objectId &&
  a.signInNeeded === b.signInNeeded;

/** Entra's session for the account has ended: background work stops asking until the user signs in. */
export async function markSignInNeeded(accountId: string): Promise<void> {
  await changeAccounts(({ activeId, known }) => ({
    activeId,
    known: known.map((a) => (a.id === accountId ? { ...a, signInNeeded: true } : a)),
  }));
}

/** Makes a listed account the active one; false when it is not listed. */
export async function selectAccount(accountId: string): Promise<boolean> {
  const state = await changeAccounts((state) =>
    state.known.some((a) => a.id === accountId) ? { ...state, activeId: accountId } : state,
  );
  return state.known.some((a) => a.id === accountId);
}

/** After a sign-out: the account is unlisted; the next one (if any) becomes active. */
export async function dropAccount(accountId: string): Promise<void> {
  await changeAccounts(({ activeId, known }) => {
    const rest = known.filter((a) => a.id !== accountId);
    return { activeId: activeId === accountId ? (rest[0]?.id ?? '') : activeId, known: rest };
  });
}
