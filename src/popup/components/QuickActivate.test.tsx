// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivationRequest } from '../../core/pim-state.ts';
import type { ActivationRequirements } from '../../core/policy.ts';
import { listenForMessages } from '../../platform/messages.ts';
import { activationMemoryItem, draftsItem, policiesItem } from '../../platform/pim-items.ts';
import { someHandlers } from '../../test-support/fake-browser-setup.ts';
import { requirements } from '../../test-support/requirements.ts';
import { cache, cleanup, configure, HOUR, item, mount, NOW } from '../test/popup-harness.tsx';

const prod = item('SG-Prod-SQL-Admins', { groupId: 'g-prod' });
const needs = (patch: Partial<ActivationRequirements> = {}) =>
  requirements({ maximumMinutes: 240, justification: true, ...patch });

beforeEach(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await configure();
  await cache([prod]);
});
afterEach(cleanup);

/** A background whose activate answers only when the test says so. */
function slowBackground(outcome = { status: 'active' as const, endMs: NOW + 4 * HOUR }) {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const activate = vi.fn(async (_: ActivationRequest) => {
    await gate;
    return outcome;
  });
  return { activate, release: () => release() };
}

describe('one-click activate', () => {
  it('sends exactly one activate with the remembered justification and the capped duration, even on a double click', async () => {
    await policiesItem.set({ [prod.key]: { requirements: needs(), fetchedAtMs: NOW } });
    await activationMemoryItem.set({
      perItem: { [prod.key]: { durationMinutes: 480, justification: 'Patch night' } },
      recentJustifications: ['Something else'],
    });
    const { activate, release } = slowBackground();
    listenForMessages(someHandlers({ activate, refresh: () => undefined }));
    const m = await mount();
    const button = m.button(m.row('SG-Prod-SQL-Admins'), 'Activate SG-Prod-SQL-Admins as member');
    // Two clicks in the same task: the second lands before any re-render could disable the button.
    await act(() => {
      button.click();
      button.click();
    });
    await m.click(button);
    await vi.waitFor(() => expect(m.row('SG-Prod-SQL-Admins').getAttribute('aria-busy')).toBe('true'));
    expect(m.row('SG-Prod-SQL-Admins').querySelector('.row__state')?.textContent).toBe('Activating…');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    await act(async () => release());
    await vi.waitFor(() => expect(m.announcement()).toMatch(/^SG-Prod-SQL-Admins is active until /));
    expect(activate).toHaveBeenCalledOnce();
    expect(activate).toHaveBeenCalledWith({
      groupId: 'g-prod',
      accessId: 'member',
      durationMinutes: 240,
      justification: 'Patch night',
    });
    expect(m.row('SG-Prod-SQL-Admins').querySelector('.row__state')?.textContent).toMatch(
      /^Active until .* · 4 hr left$/,
    );
  });

  it('prefers the draft, then the most recent justification overall; asks the background for an uncached policy once', async () => {
    const getRequirements = vi.fn(() => needs({ maximumMinutes: 60 }));
    const activate = vi.fn(() => ({ status: 'pendingApproval' as const, requestId: 'r1' }));
    listenForMessages(someHandlers({ activate, getRequirements, refresh: () => undefined }));
    await activationMemoryItem.set({ perItem: {}, recentJustifications: ['Release 42', 'Older'] });
    const m = await mount();
    await m.click(m.button(m.row('SG-Prod-SQL-Admins'), /^Activate/));
    await vi.waitFor(() => expect(activate).toHaveBeenCalledOnce());
    expect(activate).toHaveBeenLastCalledWith(
      expect.objectContaining({ justification: 'Release 42', durationMinutes: 60 }),
    );
    await vi.waitFor(() => expect(m.row('SG-Prod-SQL-Admins').textContent).toContain('Pending approval'));
    expect(m.announcement()).toBe('SG-Prod-SQL-Admins: your request is waiting for approval.');
    expect(getRequirements).toHaveBeenCalledOnce();
    expect(getRequirements).toHaveBeenCalledWith({ groupId: 'g-prod', accessId: 'member' });
  });

  it('uses a half-typed draft first', async () => {
    await policiesItem.set({ [prod.key]: { requirements: needs(), fetchedAtMs: NOW } });
    await draftsItem.set({ [prod.key]: { justification: 'From the draft', durationMinutes: 30 } });
    await activationMemoryItem.set({ perItem: { [prod.key]: { justification: 'Old' } }, recentJustifications: [] });
    const activate = vi.fn(() => ({ status: 'alreadyActive' as const }));
    listenForMessages(someHandlers({ activate, refresh: () => undefined }));
    const m = await mount();
    await m.click(m.button(m.row('SG-Prod-SQL-Admins'), /^Activate/));
    await vi.waitFor(() => expect(m.announcement()).toBe('SG-Prod-SQL-Admins was already active.'));
    expect(activate).toHaveBeenCalledWith(
      expect.objectContaining({ justification: 'From the draft', durationMinutes: 30 }),
    );
    expect(m.row('SG-Prod-SQL-Admins').querySelector('.row__state')?.textContent).toBe('Already active');
    // A sent draft is done with.
    await vi.waitFor(async () => expect((await draftsItem.get())[prod.key]).toBeUndefined());
  });

  it('opens the form focused on the justification instead of sending when the policy needs one and none is known', async () => {
    await policiesItem.set({ [prod.key]: { requirements: needs(), fetchedAtMs: NOW } });
    const activate = vi.fn();
    listenForMessages(someHandlers({ activate, refresh: () => undefined }));
    const m = await mount();
    await m.click(m.button(m.row('SG-Prod-SQL-Admins'), /^Activate/));
    await vi.waitFor(() => expect(document.activeElement?.tagName).toBe('TEXTAREA'));
    expect(document.activeElement?.id).toBe(`item-${prod.key}-form-justification`);
    expect(m.button(m.row('SG-Prod-SQL-Admins'), /^Activation options/).getAttribute('aria-expanded')).toBe('true');
    expect(activate).not.toHaveBeenCalled();
  });

  it('opens the form on the ticket number when the policy needs a ticket', async () => {
    await policiesItem.set({
      [prod.key]: { requirements: needs({ justification: false, ticket: true }), fetchedAtMs: NOW },
    });
    const activate = vi.fn();
    listenForMessages(someHandlers({ activate, getRequirements: () => needs(), refresh: () => undefined }));
    const m = await mount();
    await m.click(m.button(m.row('SG-Prod-SQL-Admins'), /^Activate/));
    await vi.waitFor(() => expect(document.activeElement?.id).toBe(`item-${prod.key}-form-ticketNumber`));
    expect(activate).not.toHaveBeenCalled();
  });

  it('keeps the reason it would have sent in the form it opens on a missing ticket', async () => {
    await policiesItem.set({ [prod.key]: { requirements: needs({ ticket: true }), fetchedAtMs: NOW } });
    await activationMemoryItem.set({ perItem: {}, recentJustifications: ['Release 42'] });
    const activate = vi.fn();
    listenForMessages(someHandlers({ activate, refresh: () => undefined }));
    const m = await mount();
    await m.click(m.button(m.row('SG-Prod-SQL-Admins'), /^Activate/));
    await vi.waitFor(() => expect(document.activeElement?.id).toBe(`item-${prod.key}-form-ticketNumber`));
    const reason = document.getElementById(`item-${prod.key}-form-justification`) as HTMLTextAreaElement;
    expect(reason.value).toBe('Release 42');
    expect(activate).not.toHaveBeenCalled();
  });

  it('sends no justification when the policy needs none and none is known, and shows a failure', async () => {
    await policiesItem.set({ [prod.key]: { requirements: needs({ justification: false }), fetchedAtMs: NOW } });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const activate = vi.fn((_: ActivationRequest) => {
      throw Object.assign(new Error('This group allows at most 4 hours; choose a shorter duration.'), { code: 'x' });
    });
    listenForMessages(someHandlers({ activate, refresh: () => undefined }));
    const m = await mount();
    await m.click(m.button(m.row('SG-Prod-SQL-Admins'), /^Activate/));
    await vi.waitFor(() =>
      expect(m.row('SG-Prod-SQL-Admins').querySelector('.row__error')?.textContent).toMatch(/at most 4 hours/),
    );
    expect(activate.mock.calls[0]?.[0]).toMatchObject({ justification: '', durationMinutes: 240 });
    expect(m.announcement()).toBe('SG-Prod-SQL-Admins: This group allows at most 4 hours; choose a shorter duration.');
  });
});
