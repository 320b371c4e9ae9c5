import { describe, expect, it } from 'vitest';
import type { HistoryCsvText } from './history-csv.ts';
import { historyFileName, historyToCsv } from './history-csv.ts';

const text: HistoryCsvText = {
  headings: {
    requestedAt: 'Requested',
    group: 'Group',
    groupId: 'Group ID',
    access: 'Access',
    start: 'Start',
    durationMinutes: 'Duration (minutes)',
    justification: 'Reason',
    ticketSystem: 'Ticket system',
    ticketNumber: 'Ticket number',
    outcome: 'Outcome',
    error: 'Error',
  },
  access: { member: 'Member', owner: 'Owner' },
  outcome: {
    active: 'Active',
    pendingApproval: 'Waiting for approval',
    scheduled: 'Scheduled',
    alreadyActive: 'Already active',
    approved: 'Approved',
    denied: 'Denied',
    failed: 'Failed',
    cancelled: 'Cancelled',
    deactivated: 'Deactivated',
  },
};

describe('history as CSV', () => {
  it('writes a heading row and one row per entry, times in UTC, hostile text neutralised', () => {
    const csv = historyToCsv(
      [
        {
          id: '1',
          groupId: 'g-1',
          groupName: '=cmd|"/c calc"!A1',
          accessId: 'owner',
          requestedAtMs: Date.UTC(2026, 10, 30, 9, 15),
          startMs: Date.UTC(2026, 10, 30, 10),
          durationMinutes: 90,
          justification: 'INC-1, "urgent"\nsecond line',
          ticketSystem: 'ServiceNow',
          ticketNumber: 'INC-1',
          outcome: 'failed',
          error: 'This group allows at most 1 hour.',
        },
      ],
      text,
    );
    expect(csv.split('\r\n')).toEqual([
      'Requested,Group,Group ID,Access,Start,Duration (minutes),Reason,Ticket system,Ticket number,Outcome,Error',
      `2026-11-30T09:15:00.000Z,"'=cmd|""/c calc""!A1",g-1,Owner,2026-11-30T10:00:00.000Z,90,"INC-1, ""urgent""\nsecond line",ServiceNow,INC-1,Failed,This group allows at most 1 hour.`,
      '',
    ]);
  });

  it('names the file after the day', () => {
    expect(historyFileName(Date.UTC(2026, 0, 2, 23))).toBe('pim-history-2026-01-02.csv');
  });
});
