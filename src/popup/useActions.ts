import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { toggleFavourite } from '../core/list.ts';
import type { ActivationRequest, GroupItem } from '../core/pim-state.ts';
import type { RowChange } from '../core/row-change.ts';
import { log } from '../platform/log.ts';
import { sendMessage } from '../platform/messages.ts';
import { draftsItem, favouritesItem } from '../platform/pim-items.ts';
import type { Announce } from './announce.ts';
import type { OrgDefaults } from './context.ts';
import type { DeepLink } from './deep-link.ts';
import type { IntentContext, Intents } from './intents.ts';
import { lazyModule } from './lazy.ts';
import { AT_OPEN } from './list-head.ts';
import { type OpView, patch } from './model.ts';
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
  overlays: Readonly<Record<string, RowChange>>;
  /** Failed operations the user dismissed (by start time), hidden even if the background is slow to remove them. */
  dismissed: Readonly<Record<string, number>>;
  /** The page was opened with a deep link that is not ours (deep-link.ts): the popup says so. */
  foreignLink?: true;
}

export interface Actions {
  activate(item: GroupItem): Promise<void>;
  submit(item: GroupItem, request: ActivationRequest): Promise<void>;
  deactivate(item: GroupItem): Promise<void>;
  cancel(item: GroupItem): Promise<void>;
  dismiss(item: GroupItem, startedAtMs?: number): void;
  /** Drops the re-activation queued for the item's end. */
  cancelReactivation(item: GroupItem): void;
  toggleFavourite(key: string): void;
  toggleExpanded(key: string, focus?: FocusField): void;
  collapse(): void;
  requirements: RequirementsLookup;
  draft(key: string): Draft | undefined;
  saveDraft(key: string, patch: Draft): void;
}

/** The activation, deactivation and cancel flows: not needed to paint the list, so fetched right after. */
export const loadIntents = lazyModule(() => import('./intents.ts')).load;

/** This page's deep link (resolved with the intents chunk, after the first paint). */
const pageDeepLink = (): Promise<DeepLink> =>
  loadIntents().then(
    (intents) => intents.pageDeepLink(),
    (): DeepLink => ({ kind: 'none' }),
  );

/** The popup's intents. Each sends one message; a second click on a busy item does nothing. */
export function useActions(
  data: PopupData,
  announce: Announce,
  org: OrgDefaults = {},
): { actions: Actions; local: LocalView } {
  const [local, setLocal] = useState<LocalView>(AT_OPEN);
  // A deep link from our own address bar keyword opens its item's form once its token is redeemed
  // (deep-link.ts), unless the user opened another form meanwhile; anyone else's only says so.
  // (A popup closed before it resolves ignores the answer: Preact drops a state change after unmount.)
  useEffect(() => {
    void pageDeepLink().then((link) => {
      if (link.kind === 'none') return;
      setLocal((view) =>
        link.kind === 'foreign'
          ? { ...view, foreignLink: true }
          : view.expanded
            ? view
            : { ...view, expanded: link.expanded },
      );
    });
  }, []);
  const latest = useRef(data);
  latest.current = data;
  const orgDefaults = useRef(org);
  orgDefaults.current = org;
  // The popup is the only writer of drafts, so its own copy is the truth (storage echoes lag behind typing).
  const drafts = useRef(data.drafts);
  const favourites = useRef<string[] | undefined>(undefined);
  const busy = useRef(new Set<string>());
  const requirements = useRequirements(() => latest.current.policies);
  // Fetch the flows' code once the list has painted, so that a click does not wait for it.
  useEffect(() => void loadIntents().catch(() => {}), []);

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

    /** Runs `work` unless the item is already busy: the guard against double clicks lives here, not in the DOM
     * (and before the flows' code is loaded, so two quick clicks still make one request). */
    const exclusive = async (key: string, work: () => Promise<void>) => {
      if (busy.current.has(key)) return;
      busy.current.add(key);
      try {
        await work();
      } finally {
        busy.current.delete(key);
      }
    };

    const context: IntentContext = {
      data: () => latest.current,
      drafts: () => drafts.current,
      orgDefaults: () => orgDefaults.current,
      requirements,
      announce,
      update,
      setOp,
      writeDrafts,
    };
    let ready: Promise<Intents> | undefined;
    const flows = () => {
      ready ??= loadIntents().then(
        (module) => module.createIntents(context),
        (error: unknown) => {
          ready = undefined;
          log.error('popup', 'could not load the activation flows', error);
          throw error;
        },
      );
      return ready;
    };

    return {
      requirements,
      draft: (key) => drafts.current[key],
      saveDraft(key, change) {
        writeDrafts({ ...drafts.current, [key]: { ...drafts.current[key], ...change } });
      },
      activate: (item) => exclusive(item.key, async () => (await flows()).activate(item)),
      submit: (item, request) => exclusive(item.key, async () => (await flows()).submit(item, request)),
      deactivate: (item) => exclusive(item.key, async () => (await flows()).deactivate(item)),
      cancel: (item) => exclusive(item.key, async () => (await flows()).cancel(item)),
      dismiss(item, startedAtMs) {
        update((v) => ({
          ops: patch(v.ops, item.key, undefined),
          dismissed: startedAtMs === undefined ? v.dismissed : patch(v.dismissed, item.key, startedAtMs),
        }));
        void sendMessage('dismiss', { key: item.key });
      },
      cancelReactivation(item) {
        void sendMessage('cancelReactivation', { key: item.key });
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
