import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../core/result.ts';
import { GraphRequestError } from '../graph/errors.ts';
import { snapshotItem } from '../platform/pim-items.ts';
import { type PolicySource, requirementsForPage } from './requirements.ts';

// What a page (the popup's activation form) gets when a group's policy cannot be read: the
// sentence an activation would show, never Graph's raw text (issue 17: a deleted group).
// Graph is the test's policy source; storage is the fake browser's.
const readOne = vi.fn<PolicySource['readOne']>();
const source: PolicySource = { readOne, readMany: vi.fn() };

const GROUP = '19d4e0f8-3b4c-4d5e-8f60-7a8b9c0d1e17';
const LABEL = `Group without a readable name (${GROUP})`;

beforeEach(async () => {
  readOne.mockReset();
  await snapshotItem.set({
    accountId: 'a',
    fetchedAtMs: 0,
    items: [
      {
        key: `${GROUP}:member`,
        groupId: GROUP,
        groupName: LABEL,
        accessId: 'member',
        eligible: true,
        eligibleUntilMs: null,
      },
    ],
  });
});

describe('requirementsForPage', () => {
  it('passes the requirements through', async () => {
    const needs = { maximumMinutes: 60, justification: true, ticket: false, mfa: false, approval: false };
    readOne.mockResolvedValue(needs);
    expect(await requirementsForPage(GROUP, 'member', source)).toEqual(needs);
    expect(readOne.mock.calls).toEqual([[{ groupId: GROUP, accessId: 'member' }]]);
  });

  it('turns a group without a policy into the sentence naming the group', async () => {
    readOne.mockRejectedValue(
      new GraphRequestError({
        status: 404,
        code: 'RoleManagementPolicyNotFound',
        message: 'No member policy assignment exists for this group.',
      }),
    );
    const error = await requirementsForPage(GROUP, 'member', source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'RoleManagementPolicyNotFound',
      message: `Microsoft Graph has no PIM policy for ${LABEL}: the group may have been deleted or may no longer be managed by PIM. Refresh the list; if it is still shown, ask your administrator to remove this eligibility.`,
    });
  });
});
