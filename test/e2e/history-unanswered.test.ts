import { beforeAll, describe, expect, it } from 'vitest';
import { control } from '../emulator/test-client.ts';
import { emuState, GROUPS } from './emulator-kit.ts';
import { untilCarriedOut, untilHeld } from './fault-matrix/kit.ts';
import { ask } from './stack.ts';
import { e2eSuite } from './suite.ts';

// Nothing lost: the worker stops while Graph holds two activation requests (one carried out at
// once, one waiting for an approver). Graph carries both out; their answers reach nobody. The next
// worker finds them among the user's requests, and the history has both outcomes.
const SUPPORT = GROUPS.supportReaders; // PT1H, justification
const ROLE_ADMINS = GROUPS.roleAdmins; // approval by Alex Wilber

const suite = e2eSuite({ keepOptionsPage: true });
beforeAll(async () => {
  expect((await ask(suite.options, 'refresh', { force: true })).ok).toBe(true);
});

interface Entry {
  id: string;
  groupId: string;
  requestedAtMs: number;
  startMs: number;
  [field: string]: unknown;
}
const storedHistory = () =>
  suite.options.evaluate(async () => {
    const stored = await chrome.storage.local.get(['history:activations', 'history:unanswered']);
    return {
      history: (stored['history:activations'] ?? []) as Entry[],
      unanswered: (stored['history:unanswered'] ?? []) as Entry[],
    };
  });

describe('requests whose answer the worker never saw', () => {
  it('reach the history with what Graph did, once the worker starts again', async () => {
    await control(suite.stack.emu, '/faults', {
      type: 'latency',
      latencyMs: 3_000,
      count: 2,
      match: { pathContains: 'group/assignmentScheduleRequests', method: 'POST' },
    });
    const asked = (groupId: string, justification: string) =>
      ask(suite.options, 'activate', { groupId, accessId: 'member', durationMinutes: 60, justification }).catch(
        () => undefined,
      );
    const replies = [asked(SUPPORT.id, 'Night shift 12'), asked(ROLE_ADMINS.id, 'Entra change 4712')];
    await untilHeld(suite.stack);
    // Both requests are noted before they go out: the notes are all the history has meanwhile.
    expect((await storedHistory()).history).toEqual([]);
    expect((await storedHistory()).unanswered.map((n) => n.groupId).sort()).toEqual(
      [SUPPORT.id, ROLE_ADMINS.id].sort(),
    );
    await suite.stack.ext.stopServiceWorker();
    await untilCarriedOut(suite.stack);
    await Promise.all(replies);
    const carriedOut = (await emuState(suite.stack)).requests.filter(
      (r) => r.action === 'selfActivate' && [SUPPORT.id as string, ROLE_ADMINS.id].includes(r.groupId),
    );
    expect(carriedOut.map((r) => [r.groupId, r.status]).sort()).toEqual(
      [
        [SUPPORT.id, 'Provisioned'],
        [ROLE_ADMINS.id, 'PendingApproval'],
      ].sort(),
    );

    // Any event starts a new worker; here the options page asks for the status.
    await expect
      .poll(async () => (await ask(suite.options, 'getStatus', undefined)).ok, { timeout: 20_000 })
      .toBe(true);
    await expect.poll(async () => (await storedHistory()).unanswered, { timeout: 20_000 }).toEqual([]);
    const { history } = await storedHistory();
    // Newest first; the two were asked for together, so compare them in a fixed order.
    const byGroup = [...history].sort((x, y) => x.groupId.localeCompare(y.groupId));
    expect(byGroup.map(({ id, requestedAtMs, startMs, ...rest }) => rest)).toEqual(
      [
        {
          groupId: ROLE_ADMINS.id,
          groupName: ROLE_ADMINS.name,
          accessId: 'member',
          durationMinutes: 60,
          justification: 'Entra change 4712',
          outcome: 'pendingApproval',
        },
        {
          groupId: SUPPORT.id,
          groupName: SUPPORT.name,
          accessId: 'member',
          durationMinutes: 60,
          justification: 'Night shift 12',
          outcome: 'active',
        },
      ].sort((x, y) => x.groupId.localeCompare(y.groupId)),
    );
    expect(history.map((e) => e.requestedAtMs)).toEqual([...history.map((e) => e.requestedAtMs)].sort((x, y) => y - x));
    for (const e of history) {
      expect(e.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(e.startMs).toBe(e.requestedAtMs);
    }
  }, 90_000);

  it('a deactivation Graph carried out while the worker was stopped marks the activation deactivated', async () => {
    // PIM refuses a deactivation in the first five minutes.
    await control(suite.stack.emu, '/clock', { advanceMs: 6 * 60_000 });
    await control(suite.stack.emu, '/faults', {
      type: 'latency',
      latencyMs: 3_000,
      count: 1,
      match: { pathContains: 'group/assignmentScheduleRequests', method: 'POST' },
    });
    const reply = ask(suite.options, 'deactivate', { groupId: SUPPORT.id, accessId: 'member' }).catch(() => undefined);
    await untilHeld(suite.stack);
    await suite.stack.ext.stopServiceWorker();
    await untilCarriedOut(suite.stack);
    await reply;
    await expect
      .poll(async () => (await ask(suite.options, 'getStatus', undefined)).ok, { timeout: 20_000 })
      .toBe(true);
    await expect
      .poll(async () => (await storedHistory()).history.map((e) => [e.groupId, e.outcome]).sort(), { timeout: 20_000 })
      .toEqual(
        [
          [ROLE_ADMINS.id, 'pendingApproval'],
          [SUPPORT.id, 'deactivated'],
        ].sort(),
      );
    expect(
      await suite.options.evaluate(
        async () => (await chrome.storage.local.get('history:unansweredChanges'))['history:unansweredChanges'],
      ),
    ).toEqual([]);
  }, 90_000);
});
