import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApproverRequest } from '../core/approvals.ts';
import { GraphRequestError } from '../graph/errors.ts';
import { approvalsItem, approverReasonsItem } from '../platform/approval-items.ts';
import { accountsItem } from '../platform/items.ts';
import { notificationSettingsItem } from '../platform/notification-items.ts';
import { approverRequest } from '../test-support/approver-requests.ts';
import {
  APPROVALS_ALARM,
  APPROVER_CHECK_MS,
  type ApprovalsGraph,
  decide,
  forgetApprovals,
  pollApprovals as poll,
} from './approvals.ts';

// The approver's polling and decisions against a scripted Graph: a user who approves nothing
// gets one probe a day and no alarm; an approver gets one alarm and one notification per new request;
// a decision that meets a 409 says who decided first (or that it expired) and drops the request.

const NOW = Date.parse('2026-06-01T12:00:00Z');
const ID = '7a1b2c3d-0000-4000-a000-000000000001';
const G = 'd5f09c4e-f709-4a2b-a6b7-2c3d4e5f6a13';
const ALEX = { id: 'acc', name: 'Alex', username: 'alex@contoso', tenantId: 'tid' };
const request: ApproverRequest = approverRequest(NOW, {
  id: ID,
  groupId: G,
  startMs: null,
  ticketNumber: null,
  ticketSystem: null,
});
const waiting = () => ({
  requests: [request],
  stages: new Map([
    [ID, [{ id: 's1', assignedToMe: true, status: 'inprogress', reviewResult: 'notreviewed', reviewedByName: null }]],
  ]),
});
const alarms = async () => (await fakeBrowser.alarms.getAll()).map((a) => [a.name, a.scheduledTime]);
const shown = () => Object.keys(fakeBrowser.notifications.getAllCreateOptions()).sort();

/** The scripted Graph each test sets up answers for. */
const graph = {
  client: vi.fn(async () => ({}) as Awaited<ReturnType<ApprovalsGraph['client']>>),
  approvesAnything: vi.fn<ApprovalsGraph['approvesAnything']>(),
  readApproverData: vi.fn<ApprovalsGraph['readApproverData']>(),
  readApproval: vi.fn<ApprovalsGraph['readApproval']>(),
  decideApproval: vi.fn<ApprovalsGraph['decideApproval']>(),
};
const pollApprovals = () => poll({}, graph);
const { approvesAnything, readApproverData, readApproval, decideApproval } = graph;

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  await accountsItem.set({ activeId: ALEX.id, known: [ALEX] });
  for (const scripted of [approvesAnything, readApproverData, readApproval, decideApproval]) scripted.mockReset();
});

describe('a user who approves nothing', () => {
  it('is probed once a day and has no alarm', async () => {
    approvesAnything.mockResolvedValue(false);
    await pollApprovals();
    await pollApprovals();
    expect(approvesAnything.mock.calls.length).toBe(1);
    expect(readApproverData).not.toHaveBeenCalled();
    expect(await alarms()).toEqual([]);
    expect(await approvalsItem.get()).toEqual({
      accountId: 'acc',
      isApprover: false,
      checkedAtMs: NOW,
      fetchedAtMs: null,
      items: [],
      notified: [],
    });
    vi.setSystemTime(NOW + APPROVER_CHECK_MS);
    await pollApprovals();
    expect(approvesAnything.mock.calls.length).toBe(2);
    expect(await alarms()).toEqual([]);
  });
});

describe('an approver', () => {
  it('stores the waiting list, notifies once per new request and keeps one alarm five minutes on', async () => {
    approvesAnything.mockResolvedValue(true);
    readApproverData.mockResolvedValue(waiting());
    await pollApprovals();
    expect((await approvalsItem.get())?.items.map((i) => [i.id, i.stageId])).toEqual([[ID, 's1']]);
    expect(shown()).toEqual([`approval:${ID}`]);
    expect(fakeBrowser.notifications.getAllCreateOptions()[`approval:${ID}`]).toMatchObject({
      title: 'Adele Vance asks for SG-Billing',
      message: 'As member for 2 hours. Open the extension to approve or deny.\nQuarter end',
      buttons: [{ title: 'Open' }],
    });
    expect(await alarms()).toEqual([[APPROVALS_ALARM, NOW + 5 * 60_000]]);
    await fakeBrowser.notifications.clear(`approval:${ID}`);
    await pollApprovals();
    expect(shown()).toEqual([]); // not announced twice
    expect(approvesAnything.mock.calls.length).toBe(1);
  });

  it('with "When a request waits on my approval" off, lists and counts them without notifying; on again, only new ones', async () => {
    await notificationSettingsItem.set({ ...notificationSettingsItem.fallback, waitingOnYou: false });
    approvesAnything.mockResolvedValue(true);
    readApproverData.mockResolvedValue(waiting());
    await pollApprovals();
    expect((await approvalsItem.get())?.items.map((i) => i.id)).toEqual([ID]);
    expect(shown()).toEqual([]);

    await notificationSettingsItem.set(notificationSettingsItem.fallback);
    const LATER = '7a1b2c3d-0000-4000-a000-000000000002';
    const { requests, stages } = waiting();
    readApproverData.mockResolvedValue({
      requests: [...requests, { ...request, id: LATER }],
      stages: new Map([...stages, [LATER, stages.get(ID) ?? []]]),
    });
    await pollApprovals();
    expect(shown()).toEqual([`approval:${LATER}`]);
  });

  it('the organisation’s policy turning them off wins over the user’s choice', async () => {
    await fakeBrowser.storage.managed.set({ notifications: { waitingOnYou: false } });
    approvesAnything.mockResolvedValue(true);
    readApproverData.mockResolvedValue(waiting());
    await pollApprovals();
    expect((await approvalsItem.get())?.items.map((i) => i.id)).toEqual([ID]);
    expect(shown()).toEqual([]);
  });

  it('a failed read keeps the alarm, so the next poll tries again', async () => {
    approvesAnything.mockResolvedValue(true);
    readApproverData.mockRejectedValue(new Error('offline'));
    await pollApprovals();
    expect(await alarms()).toEqual([[APPROVALS_ALARM, NOW + 5 * 60_000]]);
    expect(shown()).toEqual([]);
  });

  it('a request that left the list takes its notification along; signed out, the alarm goes', async () => {
    approvesAnything.mockResolvedValue(true);
    readApproverData.mockResolvedValue(waiting());
    await pollApprovals();
    readApproverData.mockResolvedValue({ requests: [], stages: new Map() });
    await pollApprovals();
    expect(shown()).toEqual([]);
    await accountsItem.set({ activeId: '', known: [] }); // signed out
    await pollApprovals();
    expect(await alarms()).toEqual([]);
    expect(await approvalsItem.get()).toBeNull();
  });

  it("are forgotten at once when their account signs out or is switched away from, not another account's", async () => {
    approvesAnything.mockResolvedValue(true);
    readApproverData.mockResolvedValue(waiting());
    await pollApprovals();
    expect(shown()).toEqual([`approval:${ID}`]);
    await forgetApprovals('another');
    expect(shown()).toEqual([`approval:${ID}`]);
    expect((await approvalsItem.get())?.items.map((i) => i.id)).toEqual([ID]);
    expect(await alarms()).toEqual([[APPROVALS_ALARM, NOW + 5 * 60_000]]);
    await forgetApprovals(ALEX.id);
    expect(shown()).toEqual([]);
    expect(await approvalsItem.get()).toBeNull();
    expect(await alarms()).toEqual([]);
    // A switch names no account: whoever's they were, they go.
    await pollApprovals();
    await forgetApprovals();
    expect(await approvalsItem.get()).toBeNull();
  });
});

describe('decide', () => {
  beforeEach(async () => {
    approvesAnything.mockResolvedValue(true);
    readApproverData.mockResolvedValue(waiting());
    await pollApprovals();
    // Decided, expired or no longer ours: Graph lists it no more for the poll a drop starts.
    readApproverData.mockResolvedValue({ requests: [], stages: new Map() });
  });
  // That poll runs on after `decide` returns: it ends within the test that started it.
  afterEach(() => pollApprovals());

  it('sends the stored stage, remembers the reason and drops the request', async () => {
    decideApproval.mockResolvedValue(undefined);
    readApproverData.mockResolvedValue({ requests: [], stages: new Map() });
    await decide({ approvalId: ID, decision: 'Approve', justification: ' OK for the window ' }, graph);
    expect(decideApproval.mock.calls.map((c) => c[1])).toEqual([
      { approvalId: ID, stageId: 's1', reviewResult: 'Approve', justification: 'OK for the window' },
    ]);
    expect(await approverReasonsItem.get()).toEqual(['OK for the window']);
    expect((await approvalsItem.get())?.items).toEqual([]);
  });

  it('a poll that read Graph before a decision does not put the decided request back', async () => {
    // The popup's opening started a poll; the user decides before its read answers, which then
    // answers with the list as it was when it was asked for.
    const answers: Array<(data: ReturnType<typeof waiting>) => void> = [];
    const held = () => new Promise<ReturnType<typeof waiting>>((resolve) => answers.push(resolve));
    readApproverData.mockImplementationOnce(held).mockImplementationOnce(held);
    const polling = pollApprovals();
    await vi.waitFor(() => expect(readApproverData).toHaveBeenCalledTimes(2));
    decideApproval.mockResolvedValue(undefined);
    await decide({ approvalId: ID, decision: 'Approve', justification: '' }, graph);
    expect((await approvalsItem.get())?.items).toEqual([]);
    answers[0]?.(waiting());
    await polling;
    // Not stored: it may predate the decision. The decision's own poll reads again once it ended.
    expect((await approvalsItem.get())?.items).toEqual([]);
    await vi.waitFor(() => expect(readApproverData).toHaveBeenCalledTimes(3));
    // Should Graph still list it as waiting for a moment, the read after the decision is believed,
    // but what was announced is not announced again.
    answers[1]?.(waiting());
    await pollApprovals(); // the read under way
    expect((await approvalsItem.get())?.items.map((i) => i.id)).toEqual([ID]);
    expect(shown()).toEqual([]);
    expect(readApproverData).toHaveBeenCalledTimes(3);
  });

  it('409: reads the stage again and says who decided first', async () => {
    decideApproval.mockRejectedValue(
      new GraphRequestError({
        status: 409,
        code: 'Conflict',
        message: 'The approval stage has already been completed.',
      }),
    );
    readApproval.mockResolvedValue([
      { id: 's1', assignedToMe: false, status: 'completed', reviewResult: 'denied', reviewedByName: 'Megan Bowen' },
    ]);
    await expect(decide({ approvalId: ID, decision: 'Approve', justification: 'x' }, graph)).rejects.toThrow(
      'Megan Bowen already denied this request; only the first decision counts.',
    );
    expect((await approvalsItem.get())?.items).toEqual([]);
  });

  it('409 on a stage nobody reviewed: expired', async () => {
    decideApproval.mockRejectedValue(new GraphRequestError({ status: 409, code: 'Conflict', message: '' }));
    readApproval.mockResolvedValue([
      { id: 's1', assignedToMe: false, status: 'completed', reviewResult: 'notreviewed', reviewedByName: null },
    ]);
    await expect(decide({ approvalId: ID, decision: 'Deny', justification: 'x' }, graph)).rejects.toThrow(
      'This request expired before anyone decided it: approvers have 24 hours. The requester has to ask again.',
    );
  });

  it('403: no longer an approver, and the request leaves the list; 400 for a missing reason keeps it', async () => {
    decideApproval.mockRejectedValueOnce(
      new GraphRequestError({
        status: 400,
        code: 'BadRequest',
        message: "The property 'justification' is required to review this approval stage.",
      }),
    );
    await expect(decide({ approvalId: ID, decision: 'Deny', justification: '' }, graph)).rejects.toThrow(
      "This group's policy requires a reason for your decision. Enter one and try again.",
    );
    expect((await approvalsItem.get())?.items.map((i) => i.id)).toEqual([ID]);
    decideApproval.mockRejectedValueOnce(
      new GraphRequestError({ status: 403, code: 'AuthorizationFailed', message: 'not an approver' }),
    );
    await expect(decide({ approvalId: ID, decision: 'Deny', justification: 'x' }, graph)).rejects.toThrow(
      /^You are no longer an approver of this request/,
    );
    expect((await approvalsItem.get())?.items).toEqual([]);
  });

  it('an id not in the list is refused without a Graph call', async () => {
    await expect(
      decide({ approvalId: '7a1b2c3d-0000-4000-a000-000000000009', decision: 'Approve', justification: '' }, graph),
    ).rejects.toThrow('This request no longer exists');
    expect(decideApproval).not.toHaveBeenCalled();
  });
});
