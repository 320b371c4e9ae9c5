import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { launchWebAuthFlow, redirectUri } from './identity.ts';

const FIREFOX_REDIRECT = 'https://7ea24a6c0670896286de0a626e60ebbf28cbf585.extensions.allizom.org/';

function stubIdentity(launch: () => Promise<string>) {
  Object.assign(fakeBrowser, {
    identity: { getRedirectURL: () => FIREFOX_REDIRECT, launchWebAuthFlow: vi.fn(launch) },
  });
}

describe('redirectUri', () => {
  it('is built from the extension id on Chromium, where the offscreen host has no identity API', () => {
    expect(redirectUri()).toBe(`https://${fakeBrowser.runtime.id}.chromiumapp.org/`);
  });

  it("is Firefox's identity.getRedirectURL() on Firefox", () => {
    stubIdentity(async () => '');
    vi.stubGlobal('__TARGET__', 'firefox');
    expect(redirectUri()).toBe(FIREFOX_REDIRECT);
  });
});

describe('launchWebAuthFlow', () => {
  it.each([
    ['Chromium', 'The user did not approve access.', 'auth-cancelled'],
    ['Firefox', 'User cancelled or denied access.', 'auth-cancelled'],
    ['Chromium', 'User interaction required.', 'auth-interaction-required'],
    ['Firefox', 'Requires user interaction', 'auth-interaction-required'],
    ['either', 'Authorization page could not be loaded.', 'auth-window-failed'],
  ])("turns %s's %j into %s", async (_browser, message, code) => {
    stubIdentity(async () => {
      throw new Error(message);
    });
    await expect(launchWebAuthFlow('https://login.microsoftonline.com/x', true)).rejects.toMatchObject({ code });
  });

  it('resolves with the URL the flow redirected to', async () => {
    stubIdentity(async () => `${FIREFOX_REDIRECT}#code=abc`);
    await expect(launchWebAuthFlow('https://login.microsoftonline.com/x', true)).resolves.toBe(
      `${FIREFOX_REDIRECT}#code=abc`,
    );
  });
});
