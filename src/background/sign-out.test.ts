import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from '../platform/browser.ts';
import { accountsItem, connectionItem } from '../platform/items.ts';
import { notificationSettingsItem } from '../platform/notification-items.ts';
import { rememberPresetAppUrl } from '../platform/presets.ts';
import { DEFAULT_SIGN_IN_URL, signOutAndIn } from './notification-actions.ts';

// "Sign out and in": Entra's v2 logout in the auth window, as Entra documents it, then the app
// page the user (or the organisation) chose. The browser's identity and tabs APIs are spies.

const TENANT = '7f3c2a10-4b6e-4d8a-9c1f-2e5d8b9a0c11';
const CLIENT = '3b8e6f2a-91c4-4a57-b0d2-6c1e9f4a7d35';
const ACCOUNT = { id: 'oid.tid', username: 'adelev@contoso.example', name: 'Adele', tenantId: TENANT };
const KEY = 'g1:member';

let flow: ReturnType<typeof vi.fn<(details: { url: string; interactive?: boolean }) => Promise<string>>>;
let opened: string[];

beforeEach(async () => {
  fakeBrowser.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  opened = [];
  flow = vi.fn(
    async (_details: { url: string; interactive?: boolean }) => `https://${browser.runtime.id}.chromiumapp.org/`,
  );
  vi.spyOn(browser.identity, 'launchWebAuthFlow').mockImplementation(flow);
  vi.spyOn(browser.tabs, 'create').mockImplementation(async ({ url }) => {
    opened.push(url ?? '');
    return {} as never;
  });
  await connectionItem.set({ tenant: TENANT, clientId: CLIENT, cloud: 'global' });
  await accountsItem.set({ activeId: ACCOUNT.id, known: [{ ...ACCOUNT, loginHint: 'O.aHint-from-the-id-token' }] });
});

const params = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe('sign out and in', () => {
  it("runs Entra's logout in the auth window with client_id and the extension's redirect URI, then opens My Apps", async () => {
    const { logoutUrl, page } = await signOutAndIn(KEY);
    expect(logoutUrl.startsWith(`https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/logout?`)).toBe(true);
    expect(params(logoutUrl)).toEqual({
      client_id: CLIENT,
      post_logout_redirect_uri: `https://${browser.runtime.id}.chromiumapp.org/`,
      logout_hint: 'O.aHint-from-the-id-token',
    });
    expect(flow.mock.calls).toEqual([[{ url: logoutUrl, interactive: true }]]);
    expect(page).toBe(DEFAULT_SIGN_IN_URL);
    expect(opened).toEqual([DEFAULT_SIGN_IN_URL]);
  });

  it('sends no logout_hint without the login_hint claim (never the user name)', async () => {
    await accountsItem.set({ activeId: ACCOUNT.id, known: [ACCOUNT] });
    const { logoutUrl } = await signOutAndIn(KEY);
    expect(Object.keys(params(logoutUrl)).sort()).toEqual(['client_id', 'post_logout_redirect_uri']);
  });

  it("opens the user's app page, or the app of the user's preset that activated the item", async () => {
    await notificationSettingsItem.set({
      ...(await notificationSettingsItem.get()),
      appUrl: 'https://portal.contoso.example/',
    });
    expect((await signOutAndIn(KEY)).page).toBe('https://portal.contoso.example/');
    await rememberPresetAppUrl([KEY], 'https://portal.azure.com/');
    expect((await signOutAndIn(KEY)).page).toBe('https://portal.azure.com/');
    expect((await signOutAndIn('other:member')).page).toBe('https://portal.contoso.example/');
  });

  it("opens the organisation's page, set by policy, over the user's and a preset's", async () => {
    await notificationSettingsItem.set({ ...(await notificationSettingsItem.get()), appUrl: 'https://mine.example/' });
    await rememberPresetAppUrl([KEY], 'https://portal.azure.com/');
    await fakeBrowser.storage.managed.set({ notifications: { appUrl: 'https://apps.contoso.example/start' } });
    expect((await signOutAndIn('other:member')).page).toBe('https://apps.contoso.example/start');
    expect((await signOutAndIn(KEY)).page).toBe('https://apps.contoso.example/start');
    // Locked to My Apps: '' in the policy.
    await fakeBrowser.storage.managed.set({ notifications: { appUrl: '' } });
    expect((await signOutAndIn(KEY)).page).toBe(DEFAULT_SIGN_IN_URL);
    await fakeBrowser.storage.managed.set({ notifications: { appUrl: 'http://apps.contoso.example/' } });
    expect((await signOutAndIn('other:member')).page).toBe('https://mine.example/');
  });

  it('never opens a stored address that is not plain https', async () => {
    for (const appUrl of [
      'http://portal.contoso.example/',
      'https://user:pw@portal.contoso.example/',
      'javascript:alert(1)',
    ]) {
      // Written raw: the item itself refuses to store such an address, but storage can be damaged.
      await fakeBrowser.storage.local.set({
        'settings:notifications': { ...(await notificationSettingsItem.get()), appUrl },
      });
      expect((await signOutAndIn(KEY)).page).toBe(DEFAULT_SIGN_IN_URL);
    }
  });

  it('still opens the app page when the sign-out window was closed', async () => {
    flow.mockRejectedValueOnce(new Error('The user did not approve access.'));
    expect((await signOutAndIn(KEY)).page).toBe(DEFAULT_SIGN_IN_URL);
    expect(opened).toEqual([DEFAULT_SIGN_IN_URL]);
  });
});
