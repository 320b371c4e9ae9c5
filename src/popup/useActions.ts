import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { defaultDuration } from '../core/duration.ts';
import { toggleFavourite } from '../core/list.ts';
import type { ActivationOutcome, ActivationRequest, GroupItem } from '../core/pim-state.ts';
import { sendMessage } from '../platform/messages.ts';
import { draftsItem, favouritesItem } from '../platform/pim-items.ts';
import { type Announce, doneAnnouncement, failureAnnouncement, outcomeAnnouncement } from './announce.ts';
import type { OrgDefaults } from './context.ts';
import { expandedFromQuery } from './deep-link.ts';
import { canActivate, type OpView, remembered, requestIdOf } from './model.ts';
import type { Draft, PopupData } from './usePopupData.ts';
import { type RequirementsLookup, useRequirements } from './useRequirements.ts';

export type FocusField = 'justification' | 'ticketNumber' | 'ticketSystem';

export interface Expanded {
  key: string;
  /** The field to focus when the form opens (set when a one-click activation lacked it). */
  focus?: FocusField | undefined;
}

/** What the popup has done itself since it opened, shown on top of what storage says. */
export interface LocalView {
  expanded: Expanded | null;
  ops: Readonly<Record<string, OpView>>;
  /** "Already active" after an activation found it so. */
  notes: Readonly<Record<string, 'alreadyActive'>>;
  /** Item changes an outcome implies, until the background's next snapshot arrives. */
  overlays: Readonly<Record<string, Partial<GroupItem>>>;
  /** Failed operations the user dismissed (by start time), hidden even if the background is slow to remove them. */
  dismissed: Readonly<Record<string, number>>;
}

export interface Actions {
  activate(item: GroupItem): Promise<void>;
  submit(item: GroupItem, request: ActivationRequest): Promise<void>;
  deactivate(item: GroupItem): Promise<void>;
  cancel(item: GroupItem): Promise<void>;
  dismiss(item: GroupItem, startedAtMs?: number): void;
  toggleFavourite(key: string): void;
  toggleExpanded(key: string, focus?: FocusField): void;
  collapse(): void;
  requirements: RequirementsLookup;
  draft(key: string): Draft | undefined;
  saveDraft(key: string, patch: Draft): void;
}

const patch = <T>(record: Readonly<Record<string, T>>, key: string, value: T | undefined): Record<string, T> => {
  const next = { ...record };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
};

/** The popup's intents. Each sends one message; a second click on a busy item does nothing. */
export function useActions(
  data: PopupData,
  announce: Announce,
  org: OrgDefaults = {},
): { actions: Actions; local: LocalView } {
  const [local, setLocal] = useState<LocalView>(() => ({
    expanded: expandedFromQuery(location.search),
    ops: {},
    notes: {},
    overlays: {},
    dismissed: {},
  }));
  const latest = useRef(data);
  latest.current = data;
  const orgDefaults = useRef(org);
  orgDefaults.current = org;
  // The popup is the only writer of drafts, so its own copy is the truth (storage echoes lag behind typing).
  const drafts = useRef(data.drafts);
  const favourites = useRef<string[] | undefined>(undefined);
  const busy = useRef(new Set<string>());
  const requirements = useRequirements(() => latest.current.policies);

  // The background's next list is the truth again: drop what outcomes implied meanwhile.
  const firstSnapshot = useRef(data.snapshot);
  useEffect(() => {
    if (data.snapshot === firstSnapshot.current) return;
    firstSnapshot.current = data.snapshot;
    setLocal((view) => ({ ...view, overlays: {}, notes: {} }));
  }, [data.snapshot]);

  const actions = useMemo<Actions>(() => {
    const update = (change: (view: LocalView) => Partial<LocalView>) =>
      setLocal((view) => ({ ...view, ...change(view) }));
    const setOp = (key: string, op: OpView | undefined) => update((v) => ({ ops: patch(v.ops, key, op) }));
    const writeDrafts = (next: Record<string, Draft>) => {
      drafts.current = next;
      void draftsItem.set(next);
    };

    /** Runs `work` unless the item is already busy: the guard against double clicks lives here, not in the DOM. */
    const exclusive = async (key: string, work: () => Promise<void>) => {
      if (busy.current.has(key)) return;
      busy.current.add(key);
      try {
        await work();
      } finally {
        busy.current.delete(key);
      }
    };

    const send = async (item: GroupItem, request: ActivationRequest) => {
      setOp(item.key, { kind: 'activate', phase: 'running' });
      update((v) => ({ notes: patch(v.notes, item.key, undefined) }));
      const result = await sendMessage('activate', request);
      if (!result.ok) {
        setOp(item.key, { kind: 'activate', phase: 'failed', message: result.error.message });
        announce(failureAnnouncement(item, result.error.message));
        return;
      }
      setOp(item.key, undefined);
      writeDrafts(patch<Draft>(drafts.current, item.key, undefined));
      applyOutcome(item, result.value);
    };

    const applyOutcome = (item: GroupItem, outcome: ActivationOutcome) => {
      const now = Date.now() + latest.current.clockOffset;
      const change: Partial<GroupItem> | undefined =
        outcome.status === 'active'
          ? { active: { assignmentType: 'activated', startMs: now, endMs: outcome.endMs } }
          : outcome.status === 'pendingApproval'
            ? { pending: { requestId: outcome.requestId, createdMs: now, startMs: null } }
            : outcome.status === 'scheduled'
              ? { scheduled: { requestId: '', startMs: outcome.startMs, endMs: outcome.endMs } }
              : undefined;
      update((v) => ({
        overlays: change ? patch(v.overlays, item.key, change) : v.overlays,
        notes: outcome.status === 'alreadyActive' ? patch(v.notes, item.key, 'alreadyActive') : v.notes,
      }));
      announce(outcomeAnnouncement(item, outcome, now));
    };

    const simple = (item: GroupItem, kind: 'deactivate' | 'cancel', run: () => ReturnType<typeof sendMessage>) =>
      exclusive(item.key, async () => {
        setOp(item.key, { kind, phase: 'running' });
        const result = await run();
        if (!result.ok) {
          setOp(item.key, { kind, phase: 'failed', message: result.error.message });
          announce(failureAnnouncement(item, result.error.message));
          return;
        }
        setOp(item.key, undefined);
        const change: Partial<GroupItem> =
          kind === 'deactivate' ? { active: undefined } : { pending: undefined, scheduled: undefined };
        update((v) => ({ overlays: patch(v.overlays, item.key, { ...v.overlays[item.key], ...change }) }));
        announce(doneAnnouncement(item, kind));
      });

    return {
      requirements,
      draft: (key) => drafts.current[key],
      saveDraft(key, change) {
        writeDrafts({ ...drafts.current, [key]: { ...drafts.current[key], ...change } });
      },
      activate: (item) =>
        exclusive(item.key, async () => {
          if (!canActivate(item)) return;
          const needs = await requirements.get(item);
          if (!needs.ok) {
            update(() => ({ expanded: { key: item.key } }));
            return;
          }
          const known = remembered(drafts.current[item.key], latest.current.memory, item.key);
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
            durationMinutes: defaultDuration(
              maximumMinutes,
              known.durationMinutes,
              orgDefaults.current.durationMinutes,
            ),
            justification: known.justification ?? '',
            ...(ticket ? { ticketNumber: known.ticketNumber, ticketSystem: known.ticketSystem } : {}),
          });
        }),
      submit: (item, request) => exclusive(item.key, () => send(item, request)),
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
      dismiss(item, startedAtMs) {
        update((v) => ({
          ops: patch(v.ops, item.key, undefined),
          dismissed: startedAtMs === undefined ? v.dismissed : patch(v.dismissed, item.key, startedAtMs),
        }));
        void sendMessage('dismiss', { key: item.key });
      },
      toggleFavourite(key) {
        const next = toggleFavourite(favourites.current ?? latest.current.favourites, key);
        favourites.current = next;
        void favouritesItem.set(next);
      },
      toggleExpanded(key, focus) {
        update((v) => ({ expanded: v.expanded?.key === key && !focus ? null : { key, focus } }));
      },
      collapse() {
        update(() => ({ expanded: null }));
      },
    };
  }, [announce, requirements]);

  // Storage is the truth for favourites once it has caught up with our own writes.
  if (favourites.current && favourites.current.join() === data.favourites.join()) favourites.current = undefined;
  return { actions, local };
}
