import { describe, expect, it } from 'vitest';
import { control } from '../emulator/test-client.ts';
import { clearLog, GROUPS, schedulePosts } from './emulator-kit.ts';
import { ask } from './stack.ts';
import { e2eSuite } from './suite.ts';

const SQL_ADMINS = GROUPS.sqlAdmins.id;
const KEYVAULT = GROUPS.keyVault.id;

const suite = e2eSuite({ keepOptionsPage: true });

const snapshot = () =>
  suite.options.evaluate(
    async () =>
      JSON.parse(
        ((await chrome.storage.local.get('cache:snapshot'))['cache:snapshot'] as string | undefined) ?? 'null',
      ) as { items: Array<Record<string, unknown>> },
  );

describe('activation through the background (production build, emulator)', () => {
  it('refreshes the list in one $batch round trip once policies are cached', async () => {
    expect((await ask(suite.options, 'refresh', { force: true })).ok).toBe(true);
    expect((await snapshot()).items).toHaveLength(16);
    // The first refresh also read the 15 policies (a second batch, after the list was painted).
    await expect
      .poll(
        async () =>
          Object.keys(
            JSON.parse(
              ((await suite.options.evaluate(() => chrome.storage.local.get('cache:policies')))['cache:policies'] as
                | string
                | undefined) ?? '{}',
            ),
          ).length,
      )
      .toBe(16);
    await clearLog(suite.stack);
    expect((await ask(suite.options, 'refresh', { force: true })).ok).toBe(true);
    const log = await control<Array<{ path: string }>>(suite.stack.emu, '/log');
    expect(log.map((l) => l.path)).toEqual(['/v1.0/$batch']);
  });

  it('activates once even when asked twice at once, and the list shows it', async () => {
    await clearLog(suite.stack);
    const request = { groupId: SQL_ADMINS, accessId: 'member', durationMinutes: 60, justification: 'Patch night' };
    const [a, b] = await Promise.all([
      ask(suite.options, 'activate', request),
      ask(suite.options, 'activate', request),
    ]);
    expect(a).toMatchObject({ ok: true, value: { status: 'active' } });
    expect(b).toEqual(a);
    expect((await schedulePosts(suite.stack)).length).toBe(1);
    const item = (await snapshot()).items.find((i) => i.groupId === SQL_ADMINS);
    expect(item?.active).toBeTruthy();
  });

  it('steps up for an authentication-context policy before the first attempt: one POST, no error', async () => {
    await clearLog(suite.stack);
    const reply = await ask(suite.options, 'activate', {
      groupId: KEYVAULT,
      accessId: 'member',
      durationMinutes: 30,
      justification: 'Rotate storage keys',
    });
    expect(reply).toMatchObject({ ok: true, value: { status: 'active' } });
    expect((await schedulePosts(suite.stack)).length).toBe(1);
  });

  it('explains a policy problem before sending anything', async () => {
    await clearLog(suite.stack);
    const reply = await ask(suite.options, 'activate', {
      groupId: KEYVAULT,
      accessId: 'member',
      durationMinutes: 600,
      justification: 'x',
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'durationTooLong' } });
    expect(reply.error?.message).toMatch(/at most 4 hours/);
    expect((await schedulePosts(suite.stack)).length).toBe(0);
  });
});
