import { describe, expect, it } from 'vitest';
import { clearLog, GROUPS, notificationIds, recordNotifications, schedulePosts } from './emulator-kit.ts';
import { applyManagedPolicy } from './policy.ts';
import { hasFocus, optionsButton, row } from './popup-kit.ts';
import { ask } from './stack.ts';
import { e2eSuite } from './suite.ts';

// Issue 16 in the built extension against the emulator: a deep link into the popup page that our
// own address bar keyword did not make, and a stale-access setting the organisation locked.

const suite = e2eSuite({ keepOptionsPage: true });

/** Chromium's extension events have an untyped `dispatch` that runs the registered listeners. */
type Dispatchable = { dispatch(...args: unknown[]): void };

const FOREIGN_NOTICE =
  'This page was opened by a link from outside the extension, so no activation form was opened. If you want to activate a group, choose it below.';

describe('a deep link into the popup page', () => {
  const popupUrl = (query: string) => `chrome-extension://${suite.stack.ext.extensionId}/src/popup/index.html${query}`;

  it('opened by anything but our address bar keyword opens no form and focuses nothing', async () => {
    await clearLog(suite.stack);
    // What another extension (even one with no permissions) can do: open our page in a tab.
    const foreign = await suite.stack.ext.context.newPage();
    await foreign.goto(popupUrl(`?group=${GROUPS.helpdesk.id}&access=member`));
    await foreign.getByRole('list', { name: 'Groups' }).waitFor();
    await expect.poll(() => foreign.locator('[data-deep-link="foreign"]').textContent()).toBe(FOREIGN_NOTICE);
    expect(await optionsButton(foreign, GROUPS.helpdesk).getAttribute('aria-expanded')).toBe('false');
    expect(await row(foreign, GROUPS.helpdesk).locator('form').count()).toBe(0);
    expect(await foreign.evaluate(() => document.activeElement === document.body)).toBe(true);
    expect(await schedulePosts(suite.stack)).toEqual([]);
    await foreign.close();
  });

  it('made by our keyword opens the form on the reason, once: the same link again is foreign', async () => {
    const opened = suite.stack.ext.context.waitForEvent('page', (p) => p.url().includes('?group='));
    await suite.stack.ext.worker.evaluate((content) => {
      (chrome.omnibox.onInputEntered as unknown as Dispatchable).dispatch(content, 'newForegroundTab');
    }, `${GROUPS.helpdesk.id}:member`);
    const ours = await opened;
    const reason = row(ours, GROUPS.helpdesk).getByRole('textbox', { name: 'Reason' });
    await expect.poll(() => hasFocus(reason), { timeout: 15_000 }).toBe(true);
    expect(await ours.locator('[data-deep-link]').count()).toBe(0);
    const url = ours.url();
    await ours.close();

    // Replayed (from the history, or by another extension that saw the URL): the token is spent.
    const replay = await suite.stack.ext.context.newPage();
    await replay.goto(url);
    await replay.getByRole('list', { name: 'Groups' }).waitFor();
    await expect.poll(() => replay.locator('[data-deep-link="foreign"]').count()).toBe(1);
    expect(await optionsButton(replay, GROUPS.helpdesk).getAttribute('aria-expanded')).toBe('false');
    expect(await replay.evaluate(() => document.activeElement === document.body)).toBe(true);
    await replay.close();
    expect(suite.stack.ext.pageErrors).toEqual([]);
  });
});

describe('a message no page of ours sends', () => {
  it('an activation whose reason is not text is refused with a sentence, and nothing reaches Graph', async () => {
    await clearLog(suite.stack);
    const reply = await ask(suite.options, 'activate', {
      groupId: GROUPS.sqlAdmins.id,
      accessId: 'member',
      durationMinutes: 60,
    } as never);
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'invalid-request',
        message:
          'The extension was asked to act on a group or request it does not recognise, so it did nothing. Close this page, open the extension from its toolbar button and try again.',
      },
    });
    expect(await schedulePosts(suite.stack)).toEqual([]);
  });
});

describe('a stale-access setting the organisation locked', () => {
  const SQL_KEY = `${GROUPS.sqlAdmins.id}:member`;
  const optOuts = () =>
    suite.options.evaluate(
      async () =>
        (
          (await chrome.storage.local.get('settings:notifications'))['settings:notifications'] as {
            staleAccessOptOut: string[];
          }
        ).staleAccessOptOut,
    );
  const setOptOuts = (list: string[]) =>
    suite.options.evaluate(async (list) => {
      const key = 'settings:notifications';
      const stored = (await chrome.storage.local.get(key))[key] as Record<string, unknown> | undefined;
      await chrome.storage.local.set({ [key]: { ...stored, staleAccessOptOut: list } });
    }, list);

  it('cannot be opted out of: the advice still comes, without "Don\'t ask for this group", and the button stores nothing', async () => {
    // The user opted out of this group before the organisation set the advice.
    await setOptOuts([SQL_KEY]);
    await applyManagedPolicy(suite.stack.ext, {
      tenant: suite.stack.emu.tenantId,
      clientId: suite.stack.emu.clientId,
      notifications: { staleAccess: true },
    });
    await expect
      .poll(
        () => suite.options.evaluate(async () => (await chrome.storage.managed.get('notifications')).notifications),
        {
          timeout: 20_000,
        },
      )
      .toEqual({ staleAccess: true });

    const created = await recordNotifications(suite.stack);
    const reply = await ask(suite.options, 'activate', {
      groupId: GROUPS.sqlAdmins.id,
      accessId: 'member',
      durationMinutes: 60,
      justification: 'Patch night',
    });
    expect(reply.ok, JSON.stringify(reply)).toBe(true);
    await expect
      .poll(() => notificationIds(suite.stack), { timeout: 20_000 })
      .toContainEqual(expect.stringMatching(new RegExp(`^activated:${SQL_KEY}:`)));
    const activated = (await created()).filter((c) => c.id.startsWith(`activated:${SQL_KEY}:`));
    expect(activated).toHaveLength(1);
    expect(activated[0]?.options.message).toMatch(/Sign out and sign back in to refresh\.$/);
    expect(activated[0]?.options.buttons).toEqual([{ title: 'Sign out and in' }]);

    // A notification from before the policy may still carry the button: pressing it stores nothing.
    await setOptOuts([]);
    await suite.stack.ext.worker.evaluate(
      (id) =>
        (
          globalThis as unknown as { pim: { onNotificationButton(id: string, i: number): Promise<void> } }
        ).pim.onNotificationButton(id, 1),
      activated[0]?.id ?? '',
    );
    expect(await optOuts()).toEqual([]);

    // The options page offers no per-group opt-out, and says why.
    await setOptOuts([SQL_KEY]);
    const options = await suite.stack.ext.openOptions();
    await expect
      .poll(() => options.locator('#notify-optout-locked').textContent(), { timeout: 20_000 })
      .toBe(
        'Your organisation asks for this suggestion after every change, so it cannot be turned off for single groups.',
      );
    expect(await options.locator('#notify-staleAccess').isDisabled()).toBe(true);
    expect(await options.getByRole('button', { name: 'Suggest it again for all groups' }).count()).toBe(0);
    await options.close();
    expect(suite.stack.ext.pageErrors).toEqual([]);
  });
});
