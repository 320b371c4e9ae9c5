import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control } from '../emulator/test-client.ts';
import { clearLog, GROUPS, schedulePosts } from './emulator-kit.ts';
import { ask, type Stack, startSignedIn } from './stack.ts';

const SQL_ADMINS = GROUPS.sqlAdmins.id;
const KEYVAULT = GROUPS.keyVault.id;

let stack: Stack;
let page: Page;
beforeAll(async () => {
  ({ stack, page } = await startSignedIn());
});
afterAll(async () => {
  await stack?.close();
});

const snapshot = () =>
  page.evaluate(
    async () =>
      (await chrome.storage.local.get('cache:snapshot'))['cache:snapshot'] as { items: Array<Record<string, unknown>> },
  );

describe('activation through the background (production build, emulator)', () => {
  it('refreshes the list in one $batch round trip once policies are cached', async () => {
    expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
    expect((await snapshot()).items).toHaveLength(16);
    // The first refresh also read the 15 policies (a second batch, after the list was painted).
    await expect
      .poll(
        async () =>
          Object.keys((await page.evaluate(() => chrome.storage.local.get('cache:policies')))['cache:policies'] ?? {})
            .length,
      )
      .toBe(16);
    await clearLog(stack);
    expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
    const log = await control<Array<{ path: string }>>(stack.emu, '/log');
    expect(log.map((l) => l.path)).toEqual(['/v1.0/$batch']);
  });

  it('activates once even when asked twice at once, and the list shows it', async () => {
    await clearLog(stack);
    const request = { groupId: SQL_ADMINS, accessId: 'member', durationMinutes: 60, justification: 'Patch night' };
    const [a, b] = await Promise.all([ask(page, 'activate', request), ask(page, 'activate', request)]);
    expect(a).toMatchObject({ ok: true, value: { status: 'active' } });
    expect(b).toEqual(a);
    expect((await schedulePosts(stack)).length).toBe(1);
    const item = (await snapshot()).items.find((i) => i.groupId === SQL_ADMINS);
    expect(item?.active).toBeTruthy();
  });

  it('steps up for an authentication-context policy before the first attempt: one POST, no error', async () => {
    await clearLog(stack);
    const reply = await ask(page, 'activate', {
      groupId: KEYVAULT,
      accessId: 'member',
      durationMinutes: 30,
      justification: 'Rotate storage keys',
    });
    expect(reply).toMatchObject({ ok: true, value: { status: 'active' } });
    expect((await schedulePosts(stack)).length).toBe(1);
  });

  it('explains a policy problem before sending anything', async () => {
    await clearLog(stack);
    const reply = await ask(page, 'activate', {
      groupId: KEYVAULT,
      accessId: 'member',
      durationMinutes: 600,
      justification: 'x',
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'durationTooLong' } });
    expect(reply.error?.message).toMatch(/at most 4 hours/);
    expect((await schedulePosts(stack)).length).toBe(0);
  });
});
