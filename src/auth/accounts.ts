import { accountsItem } from '../platform/items.ts';
import type { AccountSummary } from './protocol.ts';

export async function activeAccountId(): Promise<string> {
  return (await accountsItem.get()).activeId;
}

export async function activeAccount(): Promise<AccountSummary | undefined> {
  const { activeId, known } = await accountsItem.get();
  return known.find((a) => a.id === activeId);
}

/** After a sign-in: the account becomes active and is listed (most recent first). */
export async function rememberAccount(account: AccountSummary): Promise<void> {
  const { known } = await accountsItem.get();
  await accountsItem.set({ activeId: account.id, known: [account, ...known.filter((a) => a.id !== account.id)] });
}

/** Makes a listed account the active one; false when it is not listed. */
export async function selectAccount(accountId: string): Promise<boolean> {
  const state = await accountsItem.get();
  if (!state.known.some((a) => a.id === accountId)) return false;
  await accountsItem.set({ ...state, activeId: accountId });
  return true;
}

/** After a sign-out: the account is unlisted; the next one (if any) becomes active. */
export async function dropAccount(accountId: string): Promise<void> {
  const { activeId, known } = await accountsItem.get();
  const rest = known.filter((a) => a.id !== accountId);
  await accountsItem.set({ activeId: activeId === accountId ? (rest[0]?.id ?? '') : activeId, known: rest });
}
