import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '../core/connection.ts';
import { AppError } from '../core/result.ts';
import { listenOn } from '../platform/channel.ts';
import { offscreenDocuments } from '../test-support/fake-browser-setup.ts';
import { authHostChannel } from './channel.ts';
import { operations } from './host/operations.ts';
import { authHost, inPageHost, offscreenHost } from './host-link.ts';

// MSAL itself is not under test here (the e2e tests run it in Chromium); this checks how the
// background reaches it on each browser: the offscreen document is the fake browser's, and the
// MSAL operations answer what the test says.
const connection: Connection = { tenant: 'contoso.onmicrosoft.com', clientId: 'client', cloud: 'global' };
const HOST = fakeBrowser.runtime.getURL('src/auth/host/index.html');

beforeEach(() => {
  vi.restoreAllMocks();
  vi.spyOn(operations, 'listAccounts').mockImplementation(async () => [
    { id: 'a.t', username: 'adele@contoso.com', name: 'Adele', tenantId: 't' },
  ]);
  vi.spyOn(operations, 'forgetAccount').mockImplementation(async () => {
    throw new AppError('msal:cache_failed', 'The cache could not be cleared.');
  });
});

describe('authHost', () => {
  it('is the offscreen document on Chromium and the background page itself on Firefox', () => {
    expect(authHost()).toBe(offscreenHost);
    vi.stubGlobal('__TARGET__', 'firefox');
    expect(authHost()).toBe(inPageHost);
  });
});

describe('offscreenHost (Chromium)', () => {
  it('starts the offscreen document, then asks it over the auth-host channel', async () => {
    const listAccounts = vi.fn(async () => []);
    listenOn(authHostChannel, { ...operations, listAccounts });

    const reply = await offscreenHost.send('listAccounts', { connection });

    expect(reply).toEqual({ ok: true, value: [] });
    expect(offscreenDocuments).toEqual([HOST]);
    expect(listAccounts).toHaveBeenCalledWith({ connection });
    // Running already: asked again, not created again (Chromium allows one).
    expect(await offscreenHost.send('listAccounts', { connection })).toEqual({ ok: true, value: [] });
    expect(offscreenDocuments).toEqual([HOST]);
    expect(operations.listAccounts).not.toHaveBeenCalled();
  });
});

describe('inPageHost (Firefox)', () => {
  it('runs the MSAL operation in this page, without messaging or an offscreen document', async () => {
    const sendMessage = vi.spyOn(fakeBrowser.runtime, 'sendMessage');

    const reply = await inPageHost.send('listAccounts', { connection });

    expect(reply).toEqual({
      ok: true,
      value: [{ id: 'a.t', username: 'adele@contoso.com', name: 'Adele', tenantId: 't' }],
    });
    expect(operations.listAccounts).toHaveBeenCalledWith({ connection });
    expect(sendMessage).not.toHaveBeenCalled();
    expect(offscreenDocuments).toEqual([]);
  });

  it('answers a failure as the channel would: an error result, never a throw', async () => {
    const reply = await inPageHost.send('forgetAccount', { connection, accountId: 'a.t' });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'msal:cache_failed', message: 'The cache could not be cleared.' },
    });
  });
});
