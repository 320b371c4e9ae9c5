import { type AccountInfo, CacheLookupPolicy } from '@azure/msal-browser';
import { AppError } from '../../core/result.ts';
import type { AuthHostMap } from '../protocol.ts';
import { hostError, instanceFor, qualifiedScopes, summarise, toAccessToken } from './msal.ts';

type Op<K extends keyof AuthHostMap> = (request: AuthHostMap[K]['request']) => Promise<AuthHostMap[K]['response']>;

function findAccount(accounts: AccountInfo[], id: string | undefined): AccountInfo | undefined {
  return id ? accounts.find((a) => a.homeAccountId === id) : accounts[0];
}

const acquireSilent: Op<'acquireSilent'> = async (request) => {
  const { connection, scopes, claims, accountId, forceRefresh, cacheOnly } = request;
  const { pca } = await instanceFor(connection);
  const account = findAccount(pca.getAllAccounts(), accountId);
  if (!account) throw new AppError('interaction_required', 'No signed-in account.');
  try {
    const result = await pca.acquireTokenSilent({
      account,
      // Cache and refresh token only: MSAL's hidden-iframe fallback cannot work in an offscreen
      // document or Firefox's background page (it would time out after 10 s); a failed refresh
      // means "sign in", said at once. A warm-up asks for the cached token alone.
      cacheLookupPolicy: cacheOnly ? CacheLookupPolicy.AccessToken : CacheLookupPolicy.AccessTokenAndRefreshToken,
      scopes: qualifiedScopes(connection, scopes),
      ...(claims ? { claims } : {}),
      ...(forceRefresh ? { forceRefresh: true } : {}),
    });
    return toAccessToken(result);
  } catch (error) {
    throw hostError(error);
  }
};

const beginInteractive: Op<'beginInteractive'> = async (request) => {
  const { connection, scopes, claims, accountId, prompt, loginHint } = request;
  const instance = await instanceFor(connection);
  const account = findAccount(instance.pca.getAllAccounts(), accountId);
  instance.capturedUrl = undefined;
  try {
    await instance.pca.acquireTokenRedirect({
      scopes: qualifiedScopes(connection, scopes),
      ...(claims ? { claims } : {}),
      ...(prompt ? { prompt } : {}),
      ...(account && !prompt ? { account } : {}),
      ...(loginHint ? { loginHint } : {}),
    });
  } catch (error) {
    throw hostError(error);
  }
  if (!instance.capturedUrl) throw new AppError('msal:no_url', 'MSAL did not produce a sign-in URL.');
  return { url: instance.capturedUrl };
};

const completeInteractive: Op<'completeInteractive'> = async ({ connection, responseUrl }) => {
  const { pca } = await instanceFor(connection);
  const hash = new URL(responseUrl).hash;
  try {
    const result = await pca.handleRedirectPromise({ hash, navigateToLoginRequestUrl: false });
    if (!result) throw new AppError('msal:no_result', 'The sign-in response could not be read.');
    return toAccessToken(result);
  } catch (error) {
    throw hostError(error);
  }
};

const abortInteractive: Op<'abortInteractive'> = async ({ connection }) => {
  const { pca } = await instanceFor(connection);
  // With no hash to redeem, this clears the "interaction in progress" flag a cancelled sign-in leaves.
  await pca.handleRedirectPromise({ navigateToLoginRequestUrl: false }).catch(() => null);
  return undefined;
};

const listAccounts: Op<'listAccounts'> = async ({ connection }) => {
  const { pca } = await instanceFor(connection);
  return pca.getAllAccounts().map(summarise);
};

const forgetAccount: Op<'forgetAccount'> = async ({ connection, accountId }) => {
  const { pca } = await instanceFor(connection);
  const account = findAccount(pca.getAllAccounts(), accountId);
  if (account) await pca.clearCache({ account });
  return undefined;
};

export const operations = {
  acquireSilent,
  beginInteractive,
  completeInteractive,
  abortInteractive,
  listAccounts,
  forgetAccount,
};
