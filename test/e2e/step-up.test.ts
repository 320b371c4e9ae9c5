import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { control } from '../emulator/test-client.ts';
import { clearLog, emuState, GROUPS, schedulePosts } from './emulator-kit.ts';
import { ADELE, ask, type Stack, signInAs, startStack } from './stack.ts';

// MFA the way Entra does it, for users whose sessions are single-factor (every demo user): the
// reserved context p1 first, one fresh sign-in if that gave nothing PIM accepts, then a sentence
// with the portal link. At most one window per click, never a loop. And a B2B guest.

const DANA = 'd6b4f2a8-3e19-4c75-a0d8-7f9e1b2c3d84';
const DANA_HOME_OBJECT_ID = '9e1d3c5b-7a2f-4e86-b4d0-3c8a6f1e2b57';

let stack: Stack;
let options: Page;
let windows: Page[] = [];
beforeAll(async () => {
  stack = await startStack();
  options = await stack.ext.openOptions();
  stack.ext.context.on('page', (p) => windows.push(p));
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(async () => {
  // Each case starts from a fresh sign-in: no step-up token from the case before.
  const state = await ask<{ active?: { id: string } }>(options, 'getAuthState');
  if (state.value?.active) await ask(options, 'signOut', { accountId: state.value.active.id });
  await control(stack.emu, '/reset', {});
  await stack.ext.context.clearCookies();
  await signInAs(stack, options, ADELE);
  // From here on the emulator's user answers nothing by itself: every page is a window to click.
  await control(stack.emu, '/settings', { autoSignIn: null, autoApproveMfa: false });
  await clearLog(stack);
  windows = [];
});

const activate = (groupId: string, justification = 'Quarter close') =>
  ask<{ status: string }>(options, 'activate', { groupId, accessId: 'member', durationMinutes: 60, justification });

/** The one window the click opened, once it shows `heading`. */
async function theWindow(heading: string): Promise<Page> {
  // The silent renewal (prompt=none) is tried first: the window follows it.
  await expect.poll(() => windows.length, { timeout: 15_000 }).toBe(1);
  const window = windows[0] as Page;
  await window.getByRole('heading', { name: heading }).waitFor();
  return window;
}

describe('MFA for a single-factor session', () => {
  it('asks for the p1 context: one window with the MFA prompt, one POST, active', async () => {
    const reply = activate(GROUPS.finance.id);
    const window = await theWindow('Approve sign-in request');
    await window.getByRole('button', { name: 'Approve' }).click();
    expect(await reply).toMatchObject({ ok: true, value: { status: 'active' } });
    expect((await schedulePosts(stack)).map((p) => p.status)).toEqual([201]);
    expect(windows).toHaveLength(1);
  });

  it('when p1 brings no MFA PIM accepts: one fresh sign-in (prompt=login), then the portal sentence; never a second window', async () => {
    // p1 as a context no policy targets: Entra satisfies it without MFA, PIM still says MfaRule.
    await control(stack.emu, '/settings', { p1RequiresMfa: false });
    const reply = activate(GROUPS.finance.id);
    const window = await theWindow('Pick an account');
    await window.getByRole('button', { name: /Adele Vance/ }).click();
    const result = await reply;
    expect(result.ok).toBe(false);
    expect(result.error).toEqual({
      code: 'mfa-unmet',
      message:
        'Azure Subscription Owners – Finance requires multifactor authentication (MFA) that your sign-in here could not provide. Activate it once in the Entra admin center (Privileged Identity Management → My roles → Groups), which asks for MFA itself.',
    });
    expect((await schedulePosts(stack)).map((p) => p.status)).toEqual([400, 400]);
    expect(windows).toHaveLength(1);
  });

  it('the popup row links that sentence to the Entra admin center', async () => {
    await control(stack.emu, '/settings', { p1RequiresMfa: false, autoSignIn: ADELE });
    const popup = await stack.ext.openPopup();
    const row = popup.locator('li[data-key]', { hasText: GROUPS.finance.name });
    await row.getByRole('button', { name: /^Activate/ }).click();
    const link = row.getByRole('link', { name: 'Open the Entra admin center' });
    await expect
      .poll(() => link.getAttribute('href'), { timeout: 20_000 })
      .toBe('https://entra.microsoft.com/#view/Microsoft_Azure_PIMCommon/ActivationMenuBlade/~/aadgroup');
    await popup.close();
  });

  it('a denied MFA prompt gets its own sentence, and nothing is activated', async () => {
    const reply = activate(GROUPS.finance.id);
    const window = await theWindow('Approve sign-in request');
    await window.getByRole('button', { name: /can't use my Microsoft Authenticator/ }).click();
    const result = await reply;
    expect(result.error?.message).toBe(
      'The multifactor authentication (MFA) prompt was denied, so Microsoft did not confirm it is you. Activate again and approve the prompt, or ask your administrator if you cannot use your verification method.',
    );
    expect(await schedulePosts(stack)).toEqual([]);
  });
});

describe('a B2B guest', () => {
  beforeEach(async () => {
    await stack.ext.context.clearCookies();
    await control(stack.emu, '/settings', { autoSignIn: DANA, autoApproveMfa: true });
    expect(await ask(options, 'signIn', { prompt: 'select_account' })).toMatchObject({ ok: true });
    await clearLog(stack);
  });

  it('activates with her object id in this tenant, not her home one', async () => {
    expect(await activate(GROUPS.helpdesk.id)).toMatchObject({ ok: true, value: { status: 'active' } });
    const requests = (await emuState(stack)).requests.filter((r) => r.groupId === GROUPS.helpdesk.id);
    expect(requests.map((r) => [r.principalId, r.status])).toEqual([[DANA, 'Provisioned']]);
    expect(requests.some((r) => r.principalId === DANA_HOME_OBJECT_ID)).toBe(false);
  });

  it('an authentication context she cannot satisfy here gets a sentence naming it, and no window loop', async () => {
    const result = await activate(GROUPS.keyVault.id, 'Rotate keys');
    expect(result.error?.message).toBe(
      'This group needs the authentication context c1, which your organisation’s Conditional Access does not allow from this sign-in (it may require a compliant device or a trusted location, for example). Trying again here will not help: activate from a device that meets the policy, or ask your administrator.',
    );
    expect(await schedulePosts(stack)).toEqual([]);
    // Entra answers the silent request with the block itself: no window to open at all.
    expect(windows).toHaveLength(0);
  });
});
