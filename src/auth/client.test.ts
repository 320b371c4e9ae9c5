import { beforeEach, describe, expect, it, vi } from 'vitest';
import { launchWebAuthFlow } from '../platform/identity.ts';
import { authHostChannel } from './channel.ts';
import { getAccessToken } from './client.ts';
import type { AccessToken } from './protocol.ts';

// The auth host (MSAL) and the sign-in window are mocks: what is tested is which the client asks, when.
vi.mock('../platform/offscreen.ts', () => ({ ensureAuthHost: vi.fn(async () => undefined) }));
vi.mock('../platform/permissions.ts', () => ({ hasCloudAccess: vi.fn(async () => true), cloudOrigins: () => [] }));
vi.mock('../platform/connection.ts', () => ({
  readConnection: vi.fn(async () => ({
    connection: {
      tenant: '7f3c2a10-4b6e-4d8a-9c1f-2e5d8b9a0c11',
      clientId: '2d9e4b7a-6c1f-4e3d-9a8b-7c6d5e4f3a21',
      cloud: 'global',
    },
  })),
}));
vi.mock('../platform/identity.ts', () => ({
  launchWebAuthFlow: vi.fn(async () => 'https://id.chromiumapp.org/#code=x'),
  redirectUri: () => 'https://id.chromiumapp.org/',
}));
vi.mock('./accounts.ts', () => ({
  activeAccountId: vi.fn(async () => 'oid.tid'),
  rememberAccount: vi.fn(async () => undefined),
}));
vi.mock('./preflight.ts', () => ({ findRegistrationProblem: vi.fn(async () => undefined) }));
vi.mock('./channel.ts', () => ({ authHostChannel: { send: vi.fn() } }));

const send = vi.mocked(authHostChannel.send);
const account = { id: 'oid.tid', username: 'adele@contoso.com', name: 'Adele', tenantId: 'tid' };
const token = (value: string): AccessToken => ({
  token: value,
  expiresOn: Date.now() + 3_600_000,
  scopes: ['User.Read'],
  account,
});
const revoked = {
  ok: false as const,
  error: {
    code: 'interaction_required',
    message: 'AADSTS50173: The provided grant has expired due to it being revoked.',
  },
};

beforeEach(() => {
  send.mockReset();
  vi.mocked(launchWebAuthFlow).mockClear();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

describe('getAccessToken after Entra ended the sign-in', () => {
  it('never hands out a cached token again: only an interactive sign-in brings tokens back', async () => {
    const scopes = ['User.Read'];
    send.mockResolvedValueOnce({ ok: true, value: token('first') });
    expect((await getAccessToken(scopes)).token).toBe('first');
    expect((await getAccessToken(scopes)).token).toBe('first'); // from memory
    expect(send).toHaveBeenCalledTimes(1);

    // Graph refused it (CAE): renewal is refused too, because the sign-in was revoked.
    send.mockResolvedValueOnce(revoked);
    await expect(getAccessToken(scopes, { fresh: true })).rejects.toMatchObject({ code: 'auth-required' });
    // MSAL would still answer from its cache, and memory still holds the token: neither is asked.
    await expect(getAccessToken(scopes)).rejects.toMatchObject({ code: 'auth-required' });
    expect(send).toHaveBeenCalledTimes(2);

    // The user signs in: a window, then tokens as before.
    send.mockImplementation(async (type) =>
      type === 'beginInteractive'
        ? { ok: true, value: { url: 'https://login.microsoftonline.com/authorize' } }
        : { ok: true, value: token('second') },
    );
    expect((await getAccessToken(scopes, { interactive: true })).token).toBe('second');
    expect(launchWebAuthFlow).toHaveBeenCalledTimes(1);
    expect((await getAccessToken(['Other.Read'])).token).toBe('second');
    expect(send.mock.calls.at(-1)?.[0]).toBe('acquireSilent');
  });

  it('a request for more proof (MFA) does not end the sign-in for other tokens', async () => {
    send.mockResolvedValueOnce({
      ok: false,
      error: { code: 'interaction_required', message: 'AADSTS50076: you must use multi-factor authentication' },
    });
    await expect(getAccessToken(['User.Read'], { claims: '{"mfa":1}', fresh: true })).rejects.toMatchObject({
      code: 'auth-required',
    });
    send.mockResolvedValueOnce({ ok: true, value: token('plain') });
    expect((await getAccessToken(['Plain.Read'])).token).toBe('plain');
  });
});
