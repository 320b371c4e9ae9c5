import { useContext, useRef, useState } from 'preact/hooks';
import { type GroupItem, itemKey } from '../../core/pim-state.ts';
import { presetActivation } from '../../core/presets/activation.ts';
import { presetRef } from '../../core/presets/ref.ts';
import type { Preset } from '../../core/presets/schema.ts';
import { type MessageKey, t } from '../../platform/i18n.ts';
import { uiLanguage } from '../../platform/locale.ts';
import { type PresetRun, sendMessage } from '../../platform/messages.ts';
import type { Announce } from '../announce.ts';
import { ActionsContext } from '../context.ts';

export type EntryResult = PresetRun['results'][number];
/** A group's Retry from the popup: running, or its outcome. */
export type Retry = { phase: 'running' } | { phase: 'ok'; status: string } | { phase: 'failed'; message: string };

const STATUS_TEXT: Record<string, MessageKey> = {
  active: 'presetsStatusActive',
  pendingApproval: 'presetsStatusPending',
  scheduled: 'presetsStatusScheduled',
  alreadyActive: 'presetsStatusAlready',
};
export const statusText = (status: string | undefined): string =>
  t((status && STATUS_TEXT[status]) || 'presetsStatusDone');

/** A group's result within a preset's run (and its Retry), by preset ref and item key. */
export const resultKey = (ref: string, entry: EntryResult): string =>
  `${ref}|${itemKey(entry.groupId, entry.accessId)}`;

/** What this popup sent and heard back: Apply per preset, Retry per group. */
export interface PresetApply {
  /** Refs of the presets whose `applyPreset` this popup is waiting for. */
  sending: ReadonlySet<string>;
  /** Replies to this popup's `applyPreset`, by ref (the stored run wins when there is one). */
  replies: Readonly<Record<string, PresetRun>>;
  /** Why an `applyPreset` was refused as a whole, by ref. */
  failures: Readonly<Record<string, string>>;
  retries: Readonly<Record<string, Retry>>;
  apply(preset: Preset, ticketNumber?: string): Promise<void>;
  retry(preset: Preset, entry: EntryResult): Promise<void>;
}

export function usePresetApply(props: {
  byKey: ReadonlyMap<string, GroupItem>;
  nameOf: (entry: EntryResult) => string;
  clockOffset: number;
  announce: Announce;
}): PresetApply {
  const { byKey, announce } = props;
  const actions = useContext(ActionsContext);
  const busy = useRef(new Set<string>());
  const [sending, setSending] = useState<ReadonlySet<string>>(new Set());
  const [replies, setReplies] = useState<Record<string, PresetRun>>({});
  const [failures, setFailures] = useState<Record<string, string>>({});
  const [retries, setRetries] = useState<Record<string, Retry>>({});
  const tickets = useRef<Record<string, string>>({});

  // Keyed by ref, not id: the organisation's preset and the user's may share an id.
  const apply = async (preset: Preset, ticketNumber?: string) => {
    const ref = presetRef(preset);
    if (busy.current.has(ref)) return;
    busy.current.add(ref);
    setSending((s) => new Set(s).add(ref));
    setFailures(({ [ref]: _f, ...rest }) => rest);
    setRetries((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith(`${ref}|`))));
    if (ticketNumber !== undefined) tickets.current[ref] = ticketNumber;
    else delete tickets.current[ref];
    try {
      const reply = await sendMessage('applyPreset', {
        presetRef: ref,
        ...(ticketNumber !== undefined ? { ticketNumber } : {}),
      });
      if (!reply.ok) {
        setFailures((f) => ({ ...f, [ref]: reply.error.message }));
        announce(t('presetsAnnounceFailed', preset.name, reply.error.message));
        return;
      }
      setReplies((r) => ({ ...r, [ref]: reply.value }));
      const done = reply.value.results.filter((r) => r.ok).length;
      announce(t('presetsAnnounceDone', preset.name, String(done), String(reply.value.results.length)));
    } finally {
      busy.current.delete(ref);
      setSending((s) => {
        const n = new Set(s);
        n.delete(ref);
        return n;
      });
    }
  };

  const retry = async (preset: Preset, entry: EntryResult) => {
    const ref = presetRef(preset);
    const key = resultKey(ref, entry);
    if (busy.current.has(key)) return;
    busy.current.add(key);
    setRetries((r) => ({ ...r, [key]: { phase: 'running' } }));
    const group = props.nameOf(entry);
    try {
      const item = byKey.get(itemKey(entry.groupId, entry.accessId));
      const needs = item ? await actions.requirements.get(item) : undefined;
      const request = presetActivation(preset, entry, {
        now: Date.now() + props.clockOffset,
        locale: uiLanguage(),
        ticketNumber: tickets.current[ref],
        maximumMinutes: needs?.ok ? needs.value.maximumMinutes : undefined,
      });
      const reply = await sendMessage('activate', request);
      if (reply.ok) {
        setRetries((r) => ({ ...r, [key]: { phase: 'ok', status: reply.value.status } }));
        announce(t('presetsResultOk', group, statusText(reply.value.status)));
      } else {
        setRetries((r) => ({ ...r, [key]: { phase: 'failed', message: reply.error.message } }));
        announce(t('presetsResultFailed', group, reply.error.message));
      }
    } finally {
      busy.current.delete(key);
    }
  };

  return { sending, replies, failures, retries, apply, retry };
}
