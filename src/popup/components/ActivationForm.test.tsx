// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toLocalInput } from '../../core/form-values.ts';
import type { ActivationRequest } from '../../core/pim-state.ts';
import type { ActivationRequirements } from '../../core/policy.ts';
import { listenForMessages } from '../../platform/messages.ts';
import { activationMemoryItem, clockOffsetItem, draftsItem, policiesItem } from '../../platform/pim-items.ts';
import { someHandlers } from '../../test-support/fake-browser-setup.ts';
import { requirements } from '../../test-support/requirements.ts';
import { cache, cleanup, configure, HOUR, item, type Mounted, mount, NOW } from '../test/popup-harness.tsx';

const prod = item('SG-Prod-SQL-Admins', { groupId: 'g-prod', accessId: 'owner' });
const formId = `item-${prod.key}-form`;
const needs = (patch: Partial<ActivationRequirements> = {}) => requirements({ justification: true, ...patch });
const field = (name: string) => document.getElementById(`${formId}-${name}`) as HTMLInputElement | null;
const error = (name: string) => document.getElementById(`${formId}-${name}-error`)?.textContent;

async function open(m: Mounted) {
  await m.click(m.button(m.row('SG-Prod-SQL-Admins', 'owner'), 'Activation options for SG-Prod-SQL-Admins as owner'));
  await vi.waitFor(() => expect(document.getElementById(formId)?.tagName).toBe('FORM'));
}
const submit = (m: Mounted) => m.click(document.querySelector(`#${CSS.escape(formId)} button[type=submit]`));

let stopBackground: () => void;
let activate: ReturnType<typeof vi.fn<(r: ActivationRequest) => { status: 'active'; endMs: number }>>;
beforeEach(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await configure();
  await cache([prod]);
  activate = vi.fn(() => ({ status: 'active' as const, endMs: NOW + HOUR }));
  stopBackground = listenForMessages(someHandlers({ activate, refresh: () => undefined }));
});
afterEach(cleanup);

describe('activation form', () => {
  it('keeps what was typed as a draft: unmount, mount again, and it is back', async () => {
    await policiesItem.set({ [prod.key]: { requirements: needs(), fetchedAtMs: NOW } });
    const first = await mount();
    await open(first);
    await first.type(field('justification'), 'Investigating INC-7');
    const select = field('durationMinutes') as unknown as HTMLSelectElement;
    select.value = '120';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(async () =>
      expect((await draftsItem.get())[prod.key]).toEqual({
        justification: 'Investigating INC-7',
        durationMinutes: 120,
      }),
    );
    first.unmount();
    const second = await mount();
    await open(second);
    expect(field('justification')?.value).toBe('Investigating INC-7');
    expect((field('durationMinutes') as unknown as HTMLSelectElement).value).toBe('120');
  });

  it('refuses a missing justification and a past start with specific messages, and sends nothing', async () => {
    await policiesItem.set({ [prod.key]: { requirements: needs(), fetchedAtMs: NOW } });
    const m = await mount();
    await open(m);
    await m.type(field('start'), toLocalInput(Date.now() - 2 * HOUR));
    await submit(m);
    expect(error('justification')).toBe("Enter a reason: this group's policy requires one.");
    expect(error('start')).toBe('This start is in the past. Leave it empty to start now, or choose a later time.');
    expect(field('justification')?.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field('justification'));
    expect(activate).not.toHaveBeenCalled();
    // Typing clears that field's message.
    await m.type(field('justification'), 'Now with a reason');
    expect(error('justification')).toBeUndefined();
  });

  it('offers no more than is left of the eligibility', async () => {
    await cache([{ ...prod, eligibleUntilMs: Date.now() + 100 * 60_000 + 30_000 }]);
    await policiesItem.set({ [prod.key]: { requirements: needs(), fetchedAtMs: NOW } });
    const m = await mount();
    await open(m);
    expect(field('durationMinutes')?.value).toBe('100');
    expect(document.getElementById(`${formId}-durationMinutes-hint`)?.textContent).toBe(
      'At most 1 hr, 40 min for this group.',
    );
    await m.type(field('justification'), 'Handover');
    await submit(m);
    await vi.waitFor(() => expect(activate).toHaveBeenCalledOnce());
    expect(activate.mock.calls[0]?.[0]).toMatchObject({ durationMinutes: 100 });
  });

  it('refuses a remembered duration above the maximum', async () => {
    await policiesItem.set({ [prod.key]: { requirements: needs({ maximumMinutes: 60 }), fetchedAtMs: NOW } });
    await draftsItem.set({ [prod.key]: { justification: 'x', durationMinutes: 600 } });
    const m = await mount();
    await open(m);
    await submit(m);
    expect(error('durationMinutes')).toBe('This group allows at most 1 hr; choose a shorter duration.');
    expect(activate).not.toHaveBeenCalled();
  });

  it('offers duration steps up to the maximum, shows it, and sends the form with a custom start on Graph time', async () => {
    await policiesItem.set({ [prod.key]: { requirements: needs({ maximumMinutes: 180 }), fetchedAtMs: NOW } });
    await clockOffsetItem.set(5_000);
    const m = await mount();
    await open(m);
    const options = Array.from((field('durationMinutes') as unknown as HTMLSelectElement).options).map((o) => o.text);
    expect(options).toEqual(['30 min', '1 hr', '2 hr', '3 hr']);
    expect(document.getElementById(`${formId}-durationMinutes-hint`)?.textContent).toBe('At most 3 hr for this group.');
    const start = toLocalInput(Date.now() + 24 * HOUR);
    await m.type(field('justification'), '  Change CHG-1  ');
    await m.type(field('start'), start);
    await submit(m);
    await vi.waitFor(() => expect(activate).toHaveBeenCalledOnce());
    expect(activate).toHaveBeenCalledWith({
      groupId: 'g-prod',
      accessId: 'owner',
      durationMinutes: 180,
      justification: 'Change CHG-1',
      startMs: new Date(start).getTime() + 5_000,
    });
    // The form closes and focus returns to its row.
    expect(document.getElementById(formId)).toBeNull();
    expect(document.activeElement).toBe(m.row('SG-Prod-SQL-Admins', 'owner'));
  });

  it('asks for the ticket only when the policy requires one, and says up front what the activation needs', async () => {
    await policiesItem.set({
      [prod.key]: {
        requirements: needs({ ticket: true, approval: true, authContext: 'c1', justification: false }),
        fetchedAtMs: NOW,
      },
    });
    await activationMemoryItem.set({
      perItem: { [prod.key]: { ticketSystem: 'ServiceNow' } },
      recentJustifications: [],
    });
    const m = await mount();
    await open(m);
    const chips = Array.from(document.querySelectorAll('.chip')).map((c) => c.textContent);
    expect(chips).toEqual(['Ticket required', 'Extra verification (Authentication context c1)', 'Approval required']);
    expect(field('ticketSystem')?.value).toBe('ServiceNow');
    await submit(m);
    expect(error('ticketNumber')).toBe("Enter the ticket number: this group's policy requires one.");
    await m.type(field('ticketNumber'), 'INC0012345');
    await submit(m);
    await vi.waitFor(() => expect(activate).toHaveBeenCalledOnce());
    expect(activate.mock.calls[0]?.[0]).toMatchObject({ ticketNumber: 'INC0012345', ticketSystem: 'ServiceNow' });
  });

  it('has no ticket fields when no ticket is required, and offers recent reasons as buttons', async () => {
    await policiesItem.set({ [prod.key]: { requirements: needs({ mfa: true }), fetchedAtMs: NOW } });
    await activationMemoryItem.set({
      perItem: { [prod.key]: { justification: 'Mine' } },
      recentJustifications: ['Recent one', 'Mine', 'Recent two'],
    });
    const m = await mount();
    await open(m);
    expect(field('ticketNumber')).toBeNull();
    expect(field('ticketSystem')).toBeNull();
    expect(Array.from(document.querySelectorAll('.chip')).map((c) => c.textContent)).toEqual([
      'Reason required',
      'MFA',
    ]);
    const choices = Array.from(document.querySelectorAll<HTMLButtonElement>('.choice'));
    expect(choices.map((c) => c.textContent)).toEqual(['Mine', 'Recent one', 'Recent two']);
    await m.click(choices[1]);
    expect(field('justification')?.value).toBe('Recent one');
  });

  it('reads an uncached policy from the background and says when it cannot', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    stopBackground();
    listenForMessages(
      someHandlers({
        getRequirements: () => {
          throw Object.assign(new Error('Graph is unreachable.'), { code: 'net' });
        },
      }),
    );
    const m = await mount();
    await open(m);
    await vi.waitFor(() =>
      expect(document.querySelector('.form-note')?.textContent).toBe(
        "This group's policy could not be read: Graph is unreachable.",
      ),
    );
  });
});
