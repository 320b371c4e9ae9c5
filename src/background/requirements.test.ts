import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../core/result.ts';
import { GraphRequestError } from '../graph/errors.ts';
import { policiesItem, snapshotItem } from '../platform/pim-items.ts';
import { getRequirements, type PolicySource, prefetchRequirements, requirementsForPage } from './requirements.ts';

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

// A prefetch reads every policy the cache lacks (60 requests at 1,000 groups, seconds); an
// activation refused for its policy reads that group's again meanwhile. The older read must not
// put its answer back over the newer one.
describe('storing policies: the read that began last wins', () => {
  const before = { maximumMinutes: 480, justification: false, ticket: false, mfa: false, approval: false };
  const after = { maximumMinutes: 60, justification: true, ticket: false, mfa: false, approval: false };
  const KEY = `${GROUP}:member`;
  /** A prefetch whose Graph read answers when the test says, and says when it has been asked. */
  const held = () => {
    let answer: (found: Map<string, typeof before>) => void = () => {};
    let asked: () => void = () => {};
    const reading = new Promise<void>((resolve) => (asked = resolve));
    const readMany = vi.fn<PolicySource['readMany']>(() => {
      asked();
      return new Promise((resolve) => (answer = resolve));
    });
    return { readMany, reading, answer: (found: Map<string, typeof before>) => answer(found) };
  };

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-12-07T09:00:00Z'));
    await policiesItem.remove();
  });
  afterEach(() => vi.useRealTimers());

  it('keeps a fresh read that answered while an older prefetch was under way', async () => {
    const prefetch = held();
    const prefetching = prefetchRequirements([{ groupId: GROUP, accessId: 'member' }], {
      readOne,
      readMany: prefetch.readMany,
    });
    await prefetch.reading;
    vi.setSystemTime(Date.parse('2026-12-07T09:00:02Z'));
    readOne.mockResolvedValue(after);
    expect(await getRequirements(GROUP, 'member', { fresh: true, source })).toEqual(after);
    vi.setSystemTime(Date.parse('2026-12-07T09:00:05Z'));
    prefetch.answer(new Map([[KEY, before]]));
    await prefetching;
    expect(await policiesItem.get()).toEqual({
      [KEY]: { requirements: after, fetchedAtMs: Date.parse('2026-12-07T09:00:02Z') },
    });
    // The cache says what the group requires now: the next activation reads nothing.
    expect(await getRequirements(GROUP, 'member', { source })).toEqual(after);
    expect(readOne).toHaveBeenCalledTimes(1);
  });

  it('stores a read that began after the stored one, whenever each answered', async () => {
    readOne.mockResolvedValue(before);
    await getRequirements(GROUP, 'member', { fresh: true, source });
    vi.setSystemTime(Date.parse('2026-12-07T17:00:00Z')); // 8 hours on: the cached policy is too old
    const prefetch = held();
    const prefetching = prefetchRequirements([{ groupId: GROUP, accessId: 'member' }], {
      readOne,
      readMany: prefetch.readMany,
    });
    await prefetch.reading;
    prefetch.answer(new Map([[KEY, after]]));
    await prefetching;
    expect(await policiesItem.get()).toEqual({
      [KEY]: { requirements: after, fetchedAtMs: Date.parse('2026-12-07T17:00:00Z') },
    });
  });

  it('replaces a policy stamped later than now (the clock went back since)', async () => {
    await policiesItem.set({ [KEY]: { requirements: before, fetchedAtMs: Date.parse('2026-12-07T12:00:00Z') } });
    readOne.mockResolvedValue(after);
    await getRequirements(GROUP, 'member', { fresh: true, source });
    expect(await policiesItem.get()).toEqual({
      [KEY]: { requirements: after, fetchedAtMs: Date.parse('2026-12-07T09:00:00Z') },
    });
  });
});
