import { activeAccount, dropAccount, readAccounts, selectAccount } from '../auth/accounts.ts';
import { forgetTokens, getAccessToken, requireConnection } from '../auth/client.ts';
import { authHost } from '../auth/host-link.ts';
import { SCOPES } from '../auth/scopes.ts';
import type { AccountSummary } from '../core/account.ts';
import { isConfigured } from '../core/connection.ts';
import { AppError } from '../core/result.ts';
import { readConnection } from '../platform/connection.ts';
import { t } from '../platform/i18n.ts';
import { redirectUri } from '../platform/identity.ts';
import type { AuthState } from '../platform/messages.ts';
import { clearAllNotifications } from '../platform/notifications.ts';
import { partialListItem } from '../platform/partial-list-item.ts';
import { listHeadItem, policiesItem, refreshStatusItem, snapshotItem } from '../platform/pim-items.ts';
import { forgetApprovals } from './approvals.ts';
import { refresh } from './refresh.ts';

// Sign-in, sign-out and account switching, as the popup and options page ask for them.

export async function getAuthState(): Promise<AuthState> {
  const [{ connection }, { known }, active] = await Promise.all([readConnection(), readAccounts(), activeAccount()]);
  return {
    configured: isConfigured(connection),
    accounts: known,
    redirectUri: redirectUri(),
    ...(active ? { active } : {}),
  };
}

export async function signIn(request: { prompt?: 'select_account' }): Promise<AccountSummary> {
  const before = await activeAccount();
  const token = await getAccessToken(SCOPES.read, {
    interactive: true,
    ...(request.prompt ? { prompt: request.prompt } : {}),
  });
  if (before?.id !== token.account.id) await forgetData();
  void refresh({ force: true });
  return token.account;
}

export async function signOut({ accountId }: { accountId: string }): Promise<undefined> {
  const connection = await requireConnection();
  const forgotten = await authHost().send('forgetAccount', { connection, accountId });
  if (!forgotten.ok) throw new AppError(forgotten.error.code, forgotten.error.message);
  forgetTokens(accountId);
  await dropAccount(accountId);
  await forgetData(accountId);
  return undefined;
}

/**
 * The cache belongs to one account: another account's must never be shown, and a signed-out
 * account's is not kept (PRIVACY.md): its list and the list's first screen for the popup, the
 * requests waiting on it as approver, its notifications, and the groups' policies (not marked
 * with an account: read again after the next list).
 */
async function forgetData(accountId?: string): Promise<void> {
  const forget = <T extends { accountId: string }>(list: T | null) =>
    list && (!accountId || list.accountId === accountId) ? null : list;
  let dropped = false;
  await snapshotItem.update((list) => {
    const next = forget(list);
    dropped = next !== list;
    return next;
  });
  // Everything on screen was about that list's account (the watcher's, the approvals', the
  // re-activations'): group names, and buttons that act for whoever is signed in when pressed.
  if (dropped) await clearAllNotifications();
  await listHeadItem.update(forget);
  await forgetApprovals(accountId);
  await policiesItem.remove();
  await refreshStatusItem.remove();
  await partialListItem.remove();
}

export async function switchAccount({ accountId }: { accountId: string }): Promise<undefined> {
  if (!(await selectAccount(accountId))) throw new AppError('unknown-account', t('authAccountNotSignedIn'));
  await forgetData();
  void refresh({ force: true });
  return undefined;
}
