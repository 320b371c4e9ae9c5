import { describe, expect, it } from 'vitest';
import { approverRequest } from '../test-support/approver-requests.ts';
import {
  APPROVAL_WINDOW_MS,
  type ApproverRequest,
  buildApprovalItems,
  closedStage,
  newArrivals,
  type StageView,
  waitingStage,
} from './approvals.ts';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const G = '6e9f2b7d-8092-43b4-9f40-5b6c7d8e9f06';
const unnamed = { group: (id: string) => `Group ${id}`, requester: 'Someone' };

const request = (id: string, over: Partial<ApproverRequest> = {}) => approverRequest(NOW, { id, groupId: G, ...over });
const stage = (over: Partial<StageView> = {}): StageView => ({
  id: 'stage-1',
  assignedToMe: true,
  status: 'inprogress',
  reviewResult: 'notreviewed',
  reviewedByName: null,
  ...over,
});

describe('waitingStage', () => {
  it('is the stage assigned to me, in progress and not reviewed', () => {
    expect(waitingStage([stage({ id: 'a', assignedToMe: false }), stage({ id: 'b' })])?.id).toBe('b');
    expect(waitingStage([stage({ status: 'completed' })])).toBeUndefined();
    expect(waitingStage([stage({ reviewResult: 'approved' })])).toBeUndefined();
    expect(waitingStage([stage({ assignedToMe: null })])).toBeUndefined();
    expect(waitingStage([stage({ status: null, reviewResult: null })])?.id).toBe('stage-1');
  });
});

describe('buildApprovalItems', () => {
  it('joins requests with their stages (ids compared case-insensitively), soonest expiry first', () => {
    const items = buildApprovalItems(
      [request('B-2', { createdMs: NOW - 1000 }), request('a-1', { createdMs: NOW - 5000, groupName: null })],
      new Map([
        ['b-2', [stage({ id: 's2' })]],
        ['a-1', [stage({ id: 's1' })]],
      ]),
      NOW,
      unnamed,
    );
    expect(items).toEqual([
      {
        id: 'a-1',
        stageId: 's1',
        requesterName: 'Adele Vance',
        groupId: G,
        groupName: `Group ${G}`,
        accessId: 'member',
        startMs: NOW - 60_000,
        durationMinutes: 120,
        justification: 'Quarter end',
        ticketNumber: 'INC-1',
        ticketSystem: 'ServiceNow',
        createdMs: NOW - 5000,
        expiresMs: NOW - 5000 + APPROVAL_WINDOW_MS,
      },
      expect.objectContaining({ id: 'B-2', stageId: 's2', expiresMs: NOW - 1000 + APPROVAL_WINDOW_MS }),
    ]);
  });

  it('leaves out requests not pending, without my stage, or past their 24 hours', () => {
    const stages = new Map([
      ['denied', [stage()]],
      ['not-mine', [stage({ assignedToMe: false })]],
      ['old', [stage()]],
      ['no-approval', []],
    ]);
    const items = buildApprovalItems(
      [
        request('denied', { status: 'denied' }),
        request('not-mine'),
        request('old', { createdMs: NOW - APPROVAL_WINDOW_MS }),
        request('no-approval'),
        request('unlisted'),
      ],
      stages,
      NOW,
      unnamed,
    );
    expect(items).toEqual([]);
  });

  it('an unnamed requester and an unknown creation time (taken as now)', () => {
    const [item] = buildApprovalItems(
      [request('x', { requesterName: null, createdMs: null })],
      new Map([['x', [stage()]]]),
      NOW,
      unnamed,
    );
    expect([item?.requesterName, item?.expiresMs]).toEqual(['Someone', NOW + APPROVAL_WINDOW_MS]);
  });
});

describe('newArrivals', () => {
  it('lists the items whose id was not seen', () => {
    const items = buildApprovalItems(
      [request('a'), request('b')],
      new Map([
        ['a', [stage()]],
        ['b', [stage()]],
      ]),
      NOW,
      unnamed,
    );
    expect(newArrivals(items, ['A']).map((i) => i.id)).toEqual(['b']);
    expect(newArrivals(items, ['a', 'b'])).toEqual([]);
  });
});

describe('closedStage', () => {
  it('decided by someone (resource-page and PATCH-body spellings), or expired', () => {
    expect(closedStage(stage({ reviewResult: 'approved', reviewedByName: 'Megan' }))).toEqual({
      kind: 'decided',
      result: 'approved',
      by: 'Megan',
    });
    expect(closedStage(stage({ reviewResult: 'deny' }))).toEqual({ kind: 'decided', result: 'denied', by: null });
    expect(closedStage(stage({ status: 'completed', reviewResult: 'notreviewed' }))).toEqual({ kind: 'expired' });
    expect(closedStage(undefined)).toEqual({ kind: 'expired' });
  });
});
