import { describe, expect, it } from 'vitest';
import type { GroupItem } from '../core/pim-state.ts';
import { outcomeAnnouncement } from './announce.ts';

const item = { groupName: 'SG-Prod-SQL-Admins' } as GroupItem;

describe('what the popup announces after an activation', () => {
  it('names an end that falls tomorrow with its weekday, as the row does', () => {
    // Local times: an 8-hour activation from 16:30 on Saturday 5 December ends on Sunday.
    const saturday1630 = new Date(2026, 11, 5, 16, 30).getTime();
    const sunday0030 = new Date(2026, 11, 6, 0, 30).getTime();
    expect(outcomeAnnouncement(item, { status: 'active', endMs: sunday0030 }, saturday1630)).toMatch(
      /^SG-Prod-SQL-Admins is active until Sun 12:30\sAM\.$/,
    );
    expect(outcomeAnnouncement(item, { status: 'active', endMs: saturday1630 + 3_600_000 }, saturday1630)).toMatch(
      /^SG-Prod-SQL-Admins is active until 5:30\sPM\.$/,
    );
  });
});
