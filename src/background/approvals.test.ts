import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { activeAccount } from '../auth/accounts.ts';
import type { ApproverRequest } from '../core/approvals.ts';
import { approvesAnything, decideApproval, readApproval, readApproverData } from '../graph/approvals.ts';
import { GraphRequestError } from '../graph/errors.ts';
import { approvalsItem, approverReasonsItem } from '../platform/approval-items.ts';
import { approverRequest } from '../test-support/approver-requests.ts';
import { APPROVALS_ALARM, APPROVER_CHECK_MS, decide, pollApprovals } from './approvals.ts';

// The approver's polling and decisions against a scripted Graph: a user who approves nothing
// gets one probe a day and no alarm; an approver gets one alarm and one notification per new request;
// a decision that meets a 409 says who decided first (or that it expired) and drops the request.
vi.mock('../auth/accounts.ts', () => ({ activeAccount: vi.fn() }));
vi.mock('./graph.ts', () => ({ graphClient: vi.fn(async () => ({})) }));
vi.mock('./server-time.ts', () => ({ serverNow: vi.fn(async () => NOW) }));
vi.mock('../graph/approvals.ts', () => ({
  approvesAnything: vi.fn(),
  readApproverData: vi.fn(),
  readApproval: vi.fn(),
  decideApproval: vi.fn(),
}));

const NOW = Date.parse('2026-06-01T12:00:00Z');
const ID = '7a1b2c3d-0000-4000-a000-000000000001';
const G = 'd5f09c4e-f709-4a2b-a6b7-2c3d4e5f6a13';
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

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  vi.mocked(activeAccount).mockResolvedValue({ id: 'acc', name: 'Alex', username: 'alex@contoso' } as never);
  vi.mocked(approvesAnything).mockReset();
  vi.mocked(readApproverData).mockReset();
  vi.mocked(readApproval).mockReset();
  vi.mocked(decideApproval).mockReset();
});

describe('a user who approves nothing', () => {
  it('is probed once a day and has no alarm', async () => {
    vi.mocked(approvesAnything).mockResolvedValue(false);
    await pollApprovals();
    await pollApprovals();
    expect(vi.mocked(approvesAnything).mock.calls.length).toBe(1);
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
    expect(vi.mocked(approvesAnything).mock.calls.length).toBe(2);
    expect(await alarms()).toEqual([]);
  });
});

describe('an approver', () => {
  it('stores the waiting list, notifies once per new request and keeps one alarm five minutes on', async () => {
    vi.mocked(approvesAnything).mockResolvedValue(true);
    vi.mocked(readApproverData).mockResolvedValue(waiting());
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
    expect(vi.mocked(approvesAnything).mock.calls.length).toBe(1);
  });

  it('a failed read keeps the alarm, so the next poll tries again', async () => {
    vi.mocked(approvesAnything).mockResolvedValue(true);
    vi.mocked(readApproverData).mockRejectedValue(new Error('offline'));
    await pollApprovals();
    expect(await alarms()).toEqual([[APPROVALS_ALARM, NOW + 5 * 60_000]]);
    expect(shown()).toEqual([]);
  });

  it('a request that left the list takes its notification along; signed out, the alarm goes', async () => {
    vi.mocked(approvesAnything).mockResolvedValue(true);
    vi.mocked(readApproverData).mockResolvedValue(waiting());
    await pollApprovals();
    vi.mocked(readApproverData).mockResolvedValue({ requests: [], stages: new Map() });
    await pollApprovals();
    expect(shown()).toEqual([]);
    vi.mocked(activeAccount).mockResolvedValue(undefined);
    await pollApprovals();
    expect(await alarms()).toEqual([]);
    expect(await approvalsItem.get()).toBeNull();
  });
});

describe('decide', () => {
  beforeEach(async () => {
    vi.mocked(approvesAnything).mockResolvedValue(true);
    vi.mocked(readApproverData).mockResolvedValue(waiting());
    await pollApprovals();
  });

  it('sends the stored stage, remembers the reason and drops the request', async () => {
    vi.mocked(decideApproval).mockResolvedValue(undefined);
    vi.mocked(readApproverData).mockResolvedValue({ requests: [], stages: new Map() });
    await decide({ approvalId: ID, decision: 'Approve', justification: ' OK for the window ' });
    expect(vi.mocked(decideApproval).mock.calls.map((c) => c[1])).toEqual([
      { approvalId: ID, stageId: 's1', reviewResult: 'Approve', justification: 'OK for the window' },
    ]);
    expect(await approverReasonsItem.get()).toEqual(['OK for the window']);
    expect((await approvalsItem.get())?.items).toEqual([]);
  });

  it('409: reads the stage again and says who decided first', async () => {
    vi.mocked(decideApproval).mockRejectedValue(
      new GraphRequestError({
        status: 409,
        code: 'Conflict',
        message: 'The approval stage has already been completed.',
      }),
    );
    vi.mocked(readApproval).mockResolvedValue([
      { id: 's1', assignedToMe: false, status: 'completed', reviewResult: 'denied', reviewedByName: 'Megan Bowen' },
    ]);
    await expect(decide({ approvalId: ID, decision: 'Approve', justification: 'x' })).rejects.toThrow(
      'Megan Bowen already denied this request; only the first decision counts.',
    );
    expect((await approvalsItem.get())?.items).toEqual([]);
  });

  it('409 on a stage nobody reviewed: expired', async () => {
    vi.mocked(decideApproval).mockRejectedValue(new GraphRequestError({ status: 409, code: 'Conflict', message: '' }));
    vi.mocked(readApproval).mockResolvedValue([
      { id: 's1', assignedToMe: false, status: 'completed', reviewResult: 'notreviewed', reviewedByName: null },
    ]);
    await expect(decide({ approvalId: ID, decision: 'Deny', justification: 'x' })).rejects.toThrow(
      'This request expired before anyone decided it: approvers have 24 hours. The requester has to ask again.',
    );
  });

  it('403: no longer an approver, and the request leaves the list; 400 for a missing reason keeps it', async () => {
    vi.mocked(decideApproval).mockRejectedValueOnce(
      new GraphRequestError({
        status: 400,
        code: 'BadRequest',
        message: "The property 'justification' is required to review this approval stage.",
      }),
    );
    await expect(decide({ approvalId: ID, decision: 'Deny', justification: '' })).rejects.toThrow(
      "This group's policy requires a reason for your decision. Enter one and try again.",
    );
    expect((await approvalsItem.get())?.items.map((i) => i.id)).toEqual([ID]);
    vi.mocked(decideApproval).mockRejectedValueOnce(
      new GraphRequestError({ status: 403, code: 'AuthorizationFailed', message: 'not an approver' }),
    );
    await expect(decide({ approvalId: ID, decision: 'Deny', justification: 'x' })).rejects.toThrow(
      /^You are no longer an approver of this request/,
    );
    expect((await approvalsItem.get())?.items).toEqual([]);
  });

  it('an id not in the list is refused without a Graph call', async () => {
    await expect(
      decide({ approvalId: '7a1b2c3d-0000-4000-a000-000000000009', decision: 'Approve', justification: '' }),
    ).rejects.toThrow('This request no longer exists');
    expect(decideApproval).not.toHaveBeenCalled();
  });
});
