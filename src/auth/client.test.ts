import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectionItem } from '../platform/items.ts';
import { activeAccount, markSignInNeeded, rememberAccount } from './accounts.ts';
import { authHostChannel } from './channel.ts';
import { forgetTokens, getAccessToken, warmToken } from './client.ts';
import type { AccessToken } from './protocol.ts';

// The auth host (MSAL) answers through a spy on its channel, and the browser's sign-in window is a
// spy on `identity.launchWebAuthFlow`: what is tested is which the client asks, when. Storage (the
// connection, the account list), host permissions and the offscreen document are the fake
// browser's (src/test-support/fake-browser-setup.ts).
const REDIRECTED = 'https://id.chromiumapp.org/#code=x';
const launchWebAuthFlow = vi.fn(async (_details: { url: string; interactive: boolean }) => REDIRECTED);
/** The sign-in flows started, as [url, interactive]. */
const flows = () => launchWebAuthFlow.mock.calls.map(([details]) => [details.url, details.interactive]);
const send = vi.spyOn(authHostChannel, 'send');
/** Whether Entra's session for the account is marked as ended (accounts.ts). */
const signInNeeded = async () => (await activeAccount())?.signInNeeded;

const account = { id: 'oid.tid', username: 'adele@contoso.com', name: 'Adele', tenantId: 'tid' };
const token = (value: string): AccessToken => ({
  token: value,
  expiresOn: Date.now() + 3_600_000,
  scopes: ['User.Read'],
  account,
});
const sessionEnded = {
  ok: false as const,
  error: {
    code: 'interaction_required',
    message: 'AADSTS50058: A silent sign-in request was sent but no user is signed in.',
  },
};
const noTokens = { ok: false as const, error: { code: 'interaction_required', message: 'No signed-in account.' } };
const AUTHORIZE = { ok: true as const, value: { url: 'https://login.microsoftonline.com/authorize' } };
const types = () => send.mock.calls.map((c) => c[0]);

beforeEach(async () => {
  send.mockReset();
  send.mockImplementation(async (type) => ({ ok: false, error: { code: 'unscripted', message: type } }));
  launchWebAuthFlow.mockReset();
  launchWebAuthFlow.mockImplementation(async () => REDIRECTED);
  Object.assign(fakeBrowser, { identity: { launchWebAuthFlow } });
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await connectionItem.set({
    tenant: '7f3c2a10-4b6e-4d8a-9c1f-2e5d8b9a0c11',
    clientId: '2d9e4b7a-6c1f-4e3d-9a8b-7c6d5e4f3a21',
    cloud: 'global',
  });
  await rememberAccount(account);
  forgetTokens();
});
afterEach(() => {
  vi.mocked(console.warn).mockRestore();
});

describe('getAccessToken without a window', () => {
  it('renews from Entra’s browser session when MSAL holds nothing (browser restart, auth host closed)', async () => {
    send.mockImplementation(async (type) => {
      if (type === 'acquireSilent') return noTokens;
      if (type === 'beginInteractive') return AUTHORIZE;
      return { ok: true, value: token('renewed') };
    });
    expect((await getAccessToken(['User.Read'])).token).toBe('renewed');
    expect(types()).toEqual(['acquireSilent', 'beginInteractive', 'completeInteractive']);
    expect(send.mock.calls[1]?.[1]).toMatchObject({ prompt: 'none', loginHint: 'adele@contoso.com' });
    expect(flows()).toEqual([['https://login.microsoftonline.com/authorize', false]]);
  });

  it('renewals asked for at once (a preset’s groups) take turns: one prompt=none, the rest from MSAL’s cache', async () => {
    let renewed = false;
    send.mockImplementation(async (type) => {
      if (type === 'acquireSilent') return renewed ? { ok: true, value: token('cached') } : noTokens;
      if (type === 'beginInteractive') return AUTHORIZE;
      renewed = true;
      return { ok: true, value: token('renewed') };
    });
    const tokens = await Promise.all([
      getAccessToken(['A.Read']),
      getAccessToken(['B.Read']),
      getAccessToken(['C.Read']),
    ]);
    expect(tokens.map((t) => t.token)).toEqual(['renewed', 'cached', 'cached']);
    expect(types().filter((t) => t === 'beginInteractive')).toHaveLength(1);
  });

  it('a background renewal never waits for an open sign-in window: it says a sign-in is under way', async () => {
    let finishWindow = (_url: string) => {};
    launchWebAuthFlow.mockImplementation(({ interactive }) =>
      interactive
        ? new Promise((resolve) => (finishWindow = resolve))
        : Promise.reject(new Error('User interaction required.')),
    );
    send.mockImplementation(async (type) => {
      if (type === 'acquireSilent') return noTokens;
      if (type === 'beginInteractive') return AUTHORIZE;
      if (type === 'completeInteractive') return { ok: true, value: token('signed-in') };
      return { ok: true, value: undefined };
    });
    const click = getAccessToken(['User.Read'], { interactive: true });
    await vi.waitFor(() => expect(flows().some(([, interactive]) => interactive)).toBe(true));
    await expect(getAccessToken(['Other.Read'])).rejects.toMatchObject({ code: 'auth-in-progress' });
    expect(await signInNeeded()).toBeUndefined();
    finishWindow(REDIRECTED);
    expect((await click).token).toBe('signed-in');
  });

  it('an ended session marks the account; background work then asks nobody; a click tries silently, then one window', async () => {
    send.mockImplementation(async (type) => {
      if (type === 'acquireSilent') return noTokens;
      if (type === 'beginInteractive') return AUTHORIZE;
      return sessionEnded;
    });
    await expect(getAccessToken(['User.Read'])).rejects.toMatchObject({ code: 'auth-session-ended' });
    expect(await signInNeeded()).toBe(true);
    send.mockClear();
    await expect(getAccessToken(['User.Read'])).rejects.toMatchObject({ code: 'auth-session-ended' });
    expect(send).not.toHaveBeenCalled();

    // The click: prompt=none first (the user may have signed in elsewhere meanwhile), then the window.
    launchWebAuthFlow.mockClear();
    let completions = 0;
    send.mockImplementation(async (type) => {
      if (type === 'beginInteractive') return AUTHORIZE;
      if (type === 'completeInteractive')
        return completions++ === 0 ? sessionEnded : { ok: true, value: token('back') };
      return { ok: true, value: undefined };
    });
    const back = await getAccessToken(['User.Read'], { interactive: true });
    expect([back.token, back.viaWindow]).toEqual(['back', true]);
    expect(flows().map(([, interactive]) => interactive)).toEqual([false, true]);
    expect(types().filter((t) => t === 'acquireSilent')).toEqual([]);
    expect(await signInNeeded()).toBeUndefined();
  });

  it('a step-up the session cannot give silently does not end the sign-in', async () => {
    const mfa = { ok: false as const, error: { code: 'interaction_required', message: 'AADSTS50076: use MFA' } };
    send.mockImplementation(async (type) => (type === 'beginInteractive' ? AUTHORIZE : mfa));
    await expect(getAccessToken(['User.Read'], { claims: '{"access_token":{}}' })).rejects.toMatchObject({
      code: 'auth-required',
    });
    expect(await signInNeeded()).toBeUndefined();
  });

  it('consent missing is said as such, never as an ended session', async () => {
    send.mockResolvedValueOnce({
      ok: false,
      error: { code: 'interaction_required', message: 'AADSTS65001: The user or administrator has not consented' },
    });
    const error = await getAccessToken(['User.Read']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'interaction_required' });
    expect((error as Error).message).toContain('consent');
    expect(await signInNeeded()).toBeUndefined();
  });

  it('a browser session that belongs to someone else does not sign this account in', async () => {
    send.mockImplementation(async (type) => {
      if (type === 'acquireSilent') return noTokens;
      if (type === 'beginInteractive') return AUTHORIZE;
      return { ok: true, value: { ...token('other'), account: { ...account, id: 'someone.else' } } };
    });
    await expect(getAccessToken(['User.Read'])).rejects.toMatchObject({ code: 'auth-session-ended' });
  });

  it('after a revoked grant (CAE) a cached token is never handed out again', async () => {
    send.mockResolvedValueOnce({ ok: true, value: token('first') });
    expect((await getAccessToken(['User.Read'])).token).toBe('first');
    expect((await getAccessToken(['User.Read'])).token).toBe('first'); // from memory
    send.mockImplementation(async (type) => {
      if (type === 'acquireSilent')
        return { ok: false, error: { code: 'interaction_required', message: 'AADSTS50173: revoked' } };
      if (type === 'beginInteractive') return AUTHORIZE;
      return sessionEnded;
    });
    await expect(getAccessToken(['User.Read'], { fresh: true })).rejects.toMatchObject({ code: 'auth-session-ended' });
    await expect(getAccessToken(['User.Read'])).rejects.toMatchObject({ code: 'auth-session-ended' });
  });
});

// Issue 19: a restarted worker's first click waited for the auth host's write token. The popup's
// refresh warms it (background/click-path.ts), from MSAL's cached token only.
describe('warmToken', () => {
  const WRITE = ['PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup'];
  /** What the host was asked, as [type, cacheOnly]. */
  const asked = () => send.mock.calls.map(([type, request]) => [type, (request as { cacheOnly?: boolean }).cacheOnly]);

  it("keeps MSAL's cached token in memory: the click then asks the host nothing", async () => {
    send.mockImplementation(async (type) =>
      type === 'acquireSilent' ? { ok: true, value: token('cached') } : noTokens,
    );
    await warmToken(WRITE);
    expect((await getAccessToken(WRITE)).token).toBe('cached');
    expect(asked()).toEqual([['acquireSilent', true]]);
  });

  it('with nothing cached: no renewal, no window, the account left as it was, and not asked again', async () => {
    send.mockImplementation(async (type) => (type === 'beginInteractive' ? AUTHORIZE : noTokens));
    await warmToken(WRITE);
    await warmToken(WRITE);
    expect(asked()).toEqual([['acquireSilent', true]]);
    expect(flows()).toEqual([]);
    expect(await signInNeeded()).toBeUndefined();
  });

  it('keeps nothing when the tokens were forgotten while it asked (sign-out)', async () => {
    let answer = () => {};
    send.mockImplementation(async (type) => {
      if (type !== 'acquireSilent') return noTokens;
      if (send.mock.calls.length > 1) return { ok: true, value: token('after sign-in') };
      await new Promise<void>((resolve) => (answer = resolve));
      return { ok: true, value: token('before sign-out') };
    });
    const warming = warmToken(WRITE);
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    forgetTokens(account.id);
    answer();
    await warming;
    expect((await getAccessToken(WRITE)).token).toBe('after sign-in');
    expect(asked()).toEqual([
      ['acquireSilent', true],
      ['acquireSilent', undefined],
    ]);
  });

  it('asks nothing for an account whose session has ended', async () => {
    await markSignInNeeded(account.id);
    await warmToken(WRITE);
    expect(asked()).toEqual([]);
  });
});
