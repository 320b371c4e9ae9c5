import type { ApproverRequest } from '../core/approvals.ts';

/** A request waiting on the approver, asked a minute before `nowMs`; `over` changes what a test needs. */
export function approverRequest(nowMs: number, over: Partial<ApproverRequest> & { id: string }): ApproverRequest {
  return {
    status: 'pendingapproval',
    groupId: '6e9f2b7d-8092-43b4-9f40-5b6c7d8e9f06',
    groupName: 'SG-Billing',
    accessId: 'member',
    requesterName: 'Adele Vance',
    createdMs: nowMs - 60_000,
    startMs: nowMs - 60_000,
    durationMinutes: 120,
    justification: 'Quarter end',
    ticketNumber: 'INC-1',
    ticketSystem: 'ServiceNow',
    ...over,
  };
}
