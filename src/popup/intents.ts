// The popup's activation, deactivation and cancel flows. Not needed to paint the list, so they load
// right after the first paint (useActions fetches them ahead): issue 8's first-paint budget. The
// double-click guard stays in useActions, in front of the load.
import { defaultDuration } from '../core/duration.ts';
import type { ActivationOutcome, ActivationRequest, GroupItem } from '../core/pim-state.ts';
import { changeAfterActivation, changeAfterEnd } from '../core/row-change.ts';
import { sendMessage } from '../platform/messages.ts';
import { type Announce, doneAnnouncement, failureAnnouncement, outcomeAnnouncement } from './announce.ts';
import type { OrgDefaults } from './context.ts';
import { canActivate, type OpView, patch, requestIdOf } from './model.ts';
import { remembered } from './remembered.ts';

export { pageDeepLink } from './deep-link.ts';

import type { FocusField, LocalView } from './useActions.ts';
import type { Draft, PopupData } from './usePopupData.ts';
import type { RequirementsLookup } from './useRequirements.ts';

/** What the flows read and change of the popup's state (owned by useActions). */
export interface IntentContext {
  data(): PopupData;
  drafts(): Readonly<Record<string, Draft>>;
  orgDefaults(): OrgDefaults;
  requirements: RequirementsLookup;
  announce: Announce;
  update(change: (view: LocalView) => Partial<LocalView>): void;
  setOp(key: string, op: OpView | undefined): void;
  writeDrafts(next: Record<string, Draft>): void;
}

export interface Intents {
  activate(item: GroupItem): Promise<void>;
  submit(item: GroupItem, request: ActivationRequest): Promise<void>;
  deactivate(item: GroupItem): Promise<void>;
  cancel(item: GroupItem): Promise<void>;
}

export function createIntents(context: IntentContext): Intents {
  const { update, setOp, writeDrafts, announce, requirements } = context;

  const send = async (item: GroupItem, request: ActivationRequest) => {
    setOp(item.key, { kind: 'activate', phase: 'running' });
    update((v) => ({ notes: patch(v.notes, item.key, undefined) }));
    const result = await sendMessage('activate', request);
    if (!result.ok) {
      setOp(item.key, { kind: 'activate', phase: 'failed', message: result.error.message, code: result.error.code });
      announce(failureAnnouncement(item, result.error.message));
      return;
    }
    setOp(item.key, undefined);
    writeDrafts(patch<Draft>(context.drafts(), item.key, undefined));
    applyOutcome(item, request, result.value);
  };

  const applyOutcome = (item: GroupItem, request: ActivationRequest, outcome: ActivationOutcome) => {
    const now = Date.now() + context.data().clockOffset;
    const change = changeAfterActivation(outcome, request, now, now);
    update((v) => ({
      overlays: change ? patch(v.overlays, item.key, change) : v.overlays,
      notes: outcome.status === 'alreadyActive' ? patch(v.notes, item.key, 'alreadyActive') : v.notes,
    }));
    announce(outcomeAnnouncement(item, outcome, now));
  };

  const simple = async (item: GroupItem, kind: 'deactivate' | 'cancel', run: () => ReturnType<typeof sendMessage>) => {
    setOp(item.key, { kind, phase: 'running' });
    const result = await run();
    if (!result.ok) {
      setOp(item.key, { kind, phase: 'failed', message: result.error.message, code: result.error.code });
      announce(failureAnnouncement(item, result.error.message));
      return;
    }
    setOp(item.key, undefined);
    const change = changeAfterEnd(item, kind);
    update((v) => ({ overlays: patch(v.overlays, item.key, { ...v.overlays[item.key], ...change }) }));
    announce(doneAnnouncement(item, kind));
  };

  return {
    async activate(item) {
      if (!canActivate(item)) return;
      const needs = await requirements.get(item);
      if (!needs.ok) {
        update(() => ({ expanded: { key: item.key } }));
        return;
      }
      const known = remembered(context.drafts()[item.key], context.data().memory, item.key);
      const { ticket, justification, maximumMinutes } = needs.value;
      const missing: FocusField | undefined =
        justification && !known.justification
          ? 'justification'
          : ticket && !known.ticketNumber
            ? 'ticketNumber'
            : ticket && !known.ticketSystem
              ? 'ticketSystem'
              : undefined;
      if (missing) {
        update(() => ({ expanded: { key: item.key, focus: missing } }));
        return;
      }
      await send(item, {
        groupId: item.groupId,
        accessId: item.accessId,
        durationMinutes: defaultDuration(maximumMinutes, known.durationMinutes, context.orgDefaults().durationMinutes),
        justification: known.justification ?? '',
        ...(ticket ? { ticketNumber: known.ticketNumber, ticketSystem: known.ticketSystem } : {}),
      });
    },
    submit: send,
    deactivate: (item) =>
      simple(item, 'deactivate', () => sendMessage('deactivate', { groupId: item.groupId, accessId: item.accessId })),
    cancel: (item) =>
      simple(item, 'cancel', () =>
        sendMessage('cancelRequest', {
          groupId: item.groupId,
          accessId: item.accessId,
          requestId: requestIdOf(item) ?? '',
        }),
      ),
  };
}
