// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApprovalItem } from '../../core/approvals.ts';
import { approvalsItem, approverReasonsItem } from '../../platform/approval-items.ts';
import { listenForMessages } from '../../platform/messages.ts';
import { someHandlers } from '../../test-support/fake-browser-setup.ts';
import { account, cache, cleanup, configure, item, type Mounted, mount, NOW } from '../test/popup-harness.tsx';

// The approver's section in the real popup: above the groups, what a screen reader reads, the
// decision message, and what happens to a request the background took off the list.
const ID_A = '7a1b2c3d-0000-4000-a000-000000000001';
const ID_B = '7a1b2c3d-0000-4000-a000-000000000002';
const waiting = (id: string, over: Partial<ApprovalItem> = {}): ApprovalItem => ({
  id,
  stageId: `stage-${id}`,
  requesterName: 'Megan Bowen',
  groupId: 'd5f09c4e-f709-4a2b-a6b7-2c3d4e5f6a13',
  groupName: 'SG-Billing',
  accessId: 'member',
  startMs: null,
  durationMinutes: 120,
  justification: 'Refund batch',
  ticketNumber: 'FIN-1',
  ticketSystem: 'Jira',
  createdMs: NOW,
  expiresMs: NOW + 24 * 3_600_000,
  ...over,
});
const store = (items: ApprovalItem[], accountId = account.id) =>
  approvalsItem.set({ accountId, isApprover: true, checkedAtMs: NOW, fetchedAtMs: NOW, items, notified: [] });
const section = (m: Mounted) => m.root.querySelector<HTMLElement>('section.approvals');
const cards = (m: Mounted) =>
  Array.from(section(m)?.querySelectorAll('article') ?? []).map((a) => {
    const labelled = a.getAttribute('aria-labelledby') ?? '';
    return m.root.querySelector(`[id="${labelled}"]`)?.textContent;
  });

beforeEach(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await configure();
  await cache([item('SG-Helpdesk')]);
});
afterEach(cleanup);

describe('Waiting on you', () => {
  it('is absent for a user with nothing waiting, and for another account’s list', async () => {
    listenForMessages(someHandlers({ refresh: () => undefined }));
    await store([waiting(ID_A)], 'someone-else');
    const m = await mount();
    expect(section(m)).toBeNull();
  });

  it('lists each request above the groups, with labelled fields and named buttons', async () => {
    listenForMessages(someHandlers({ refresh: () => undefined }));
    await store([
      waiting(ID_A),
      waiting(ID_B, {
        requesterName: 'Adele Vance',
        accessId: 'owner',
        ticketNumber: null,
        ticketSystem: null,
        justification: null,
      }),
    ]);
    const m = await mount();
    await vi.waitFor(() => expect(section(m)).not.toBeNull());
    const region = section(m) as HTMLElement;
    expect(region.querySelector('h2')?.textContent).toBe('Waiting on you (2)');
    expect(region.compareDocumentPosition(m.rows()[0] as Node) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(cards(m)).toEqual(['SG-Billing', 'SG-Billing']);
    const [first, second] = Array.from(region.querySelectorAll('article'));
    expect(Array.from(first?.querySelectorAll('.approval__line') ?? []).map((p) => p.textContent)).toEqual([
      'Megan Bowen asks to be member',
      'For 2 hours, from your approval',
      'Reason: Refund batch',
      'Ticket: Jira FIN-1',
      expect.stringMatching(/^Expires at /),
    ]);
    expect(Array.from(second?.querySelectorAll('button') ?? []).map((b) => b.getAttribute('aria-label'))).toEqual([
      "Approve Adele Vance's request for SG-Billing",
      "Deny Adele Vance's request for SG-Billing",
    ]);
    const field = first?.querySelector('textarea');
    expect(first?.querySelector(`label[for="${field?.id}"]`)?.textContent).toBe('Your reason');
  });

  it('sends the decision with the reason; success is announced', async () => {
    const decideApproval = vi.fn(async () => {
      await store([]);
      return undefined;
    });
    listenForMessages(someHandlers({ refresh: () => undefined, decideApproval }));
    await approverReasonsItem.set(['Audit window']);
    await store([waiting(ID_A)]);
    const m = await mount();
    await vi.waitFor(() => expect(section(m)).not.toBeNull());
    const card = section(m)?.querySelector('article') as HTMLElement;
    await m.click(m.button(card, 'Use the reason: Audit window'));
    await m.click(m.button(card, "Approve Megan Bowen's request for SG-Billing"));
    await vi.waitFor(() => expect(m.announcement()).toBe("You approved Megan Bowen's request for SG-Billing."));
    expect(decideApproval.mock.calls).toEqual([
      [{ approvalId: ID_A, decision: 'Approve', justification: 'Audit window' }],
    ]);
    await vi.waitFor(() => expect(section(m)).toBeNull());
  });

  it('a request the background dropped (decided first) leaves an alert; a missing reason keeps it, marked required', async () => {
    const decideApproval = vi
      .fn()
      .mockRejectedValueOnce(
        Object.assign(new Error("This group's policy requires a reason for your decision. Enter one and try again."), {
          code: 'BadRequest',
        }),
      )
      .mockImplementationOnce(async () => {
        await store([]);
        throw Object.assign(new Error('Adele Vance already approved this request; only the first decision counts.'), {
          code: 'approval-closed',
        });
      });
    listenForMessages(someHandlers({ refresh: () => undefined, decideApproval }));
    await store([waiting(ID_A)]);
    const m = await mount();
    await vi.waitFor(() => expect(section(m)).not.toBeNull());
    const card = section(m)?.querySelector('article') as HTMLElement;
    await m.click(m.button(card, "Deny Megan Bowen's request for SG-Billing"));
    await vi.waitFor(() =>
      expect(card.querySelector('[role="alert"]')?.textContent).toBe(
        "This group's policy requires a reason for your decision. Enter one and try again.",
      ),
    );
    expect(card.querySelector('label')?.textContent).toBe("Your reason (this group's policy requires one)");
    expect(card.querySelector('textarea')?.getAttribute('aria-invalid')).toBe('true');
    await m.type(card.querySelector('textarea'), 'Not now');
    await m.click(m.button(card, "Deny Megan Bowen's request for SG-Billing"));
    await vi.waitFor(() =>
      expect(Array.from(section(m)?.querySelectorAll('[role="alert"]') ?? []).map((a) => a.textContent)).toEqual([
        'Adele Vance already approved this request; only the first decision counts.',
      ]),
    );
    expect(section(m)?.querySelectorAll('article')).toHaveLength(0);
  });
});
