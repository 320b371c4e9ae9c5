// The popup's presets: one "Apply <name>" button each (→ `applyPreset`), a ticket number asked
// inline when the preset needs one and has none, and the last run's result per group from
// `session:presetRuns`, with Retry (the plain `activate` message) for a group that failed.
// Only the schema, the template and the request builder are imported here: the share-code codec
// and its compression stay in the options page's bundle.
import { useContext, useRef, useState } from 'preact/hooks';
import { type AccessId, type GroupItem, itemKey } from '../../core/pim-state.ts';
import { presetActivation } from '../../core/presets/activation.ts';
import { presetRef } from '../../core/presets/ref.ts';
import type { Preset } from '../../core/presets/schema.ts';
import { type MessageKey, t } from '../../platform/i18n.ts';
import { uiLanguage } from '../../platform/locale.ts';
import { type PresetRun, sendMessage } from '../../platform/messages.ts';
import { extensionUrl } from '../../platform/pages.ts';
import { openTab } from '../../platform/tabs.ts';
import { useFocusOnMount } from '../../ui/useFocusOnMount.ts';
import type { Announce } from '../announce.ts';
import { ActionsContext } from '../context.ts';
import { usePopupPresets, usePresetRuns } from '../usePopupPresets.ts';

type EntryResult = PresetRun['results'][number];
type Retry = { phase: 'running' } | { phase: 'ok'; status: string } | { phase: 'failed'; message: string };

const STATUS_TEXT: Record<string, MessageKey> = {
  active: 'presetsStatusActive',
  pendingApproval: 'presetsStatusPending',
  scheduled: 'presetsStatusScheduled',
  alreadyActive: 'presetsStatusAlready',
};
export const statusText = (status: string | undefined): string =>
  t((status && STATUS_TEXT[status]) || 'presetsStatusDone');

/** A preset asks for a ticket number when it names a ticket system or `{ticket}` and has no number. */
export const needsTicket = (p: Preset): boolean =>
  !p.ticketNumber?.trim() && (Boolean(p.ticketSystem?.trim()) || /\{ticket\}/i.test(p.justification));

/** `#new-preset=<keys>` on the options page opens the preset editor with these groups chosen. */
export function newPresetUrl(keys: readonly string[], base = location.href): string {
  return new URL(`../options/index.html#new-preset=${encodeURIComponent(keys.join(','))}`, base).href;
}

export interface PresetsAreaProps {
  presets: readonly Preset[];
  runs: Readonly<Record<string, PresetRun>>;
  items: readonly GroupItem[];
  favourites: readonly string[];
  clockOffset: number;
  announce: Announce;
}

export type StoredPresetsAreaProps = Omit<PresetsAreaProps, 'presets' | 'runs'>;

/** The area with the presets and runs read from storage (what `LazyPresetsArea` loads). */
export function StoredPresetsArea(props: StoredPresetsAreaProps) {
  return <PresetsArea {...props} presets={usePopupPresets()} runs={usePresetRuns()} />;
}

export function PresetsArea(props: PresetsAreaProps) {
  const { presets, runs, items, favourites, announce } = props;
  const actions = useContext(ActionsContext);
  const busy = useRef(new Set<string>());
  const [sending, setSending] = useState<ReadonlySet<string>>(new Set());
  const [replies, setReplies] = useState<Record<string, PresetRun>>({});
  const [failures, setFailures] = useState<Record<string, string>>({});
  const [retries, setRetries] = useState<Record<string, Retry>>({});
  const [asking, setAsking] = useState<string | null>(null);
  const tickets = useRef<Record<string, string>>({});

  const byKey = new Map(items.map((i) => [i.key, i]));
  const nameOf = (groupId: string, accessId: AccessId) => byKey.get(itemKey(groupId, accessId))?.groupName ?? groupId;
  const savable = favourites.filter((k) => byKey.get(k)?.eligible);

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
    const key = `${ref}|${itemKey(entry.groupId, entry.accessId)}`;
    if (busy.current.has(key)) return;
    busy.current.add(key);
    setRetries((r) => ({ ...r, [key]: { phase: 'running' } }));
    const group = nameOf(entry.groupId, entry.accessId);
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

  if (presets.length === 0) {
    return savable.length > 0 ? <SaveFavourites keys={savable} /> : null;
  }

  return (
    <section class="presets-area" aria-labelledby="presets-area-heading">
      <h2 id="presets-area-heading" class="presets-area__heading">
        {t('presetsPopupHeading')}
      </h2>
      <ul class="presets-area__list">
        {presets.map((preset) => {
          const ref = presetRef(preset);
          const run = runs[ref] ?? replies[ref];
          const mineRunning = sending.has(ref);
          // A run another popup started shows busy too; a click then is still sent (the background
          // joins it), so a run left "running" by a stopped worker never locks the button.
          const running = mineRunning || run?.running === true;
          return (
            <li key={ref} class="presets-area__preset" data-preset-id={preset.id} data-preset-ref={ref}>
              <button
                type="button"
                class="presets-area__apply"
                aria-busy={running}
                aria-disabled={mineRunning}
                title={preset.note || undefined}
                onClick={() => {
                  if (mineRunning) return;
                  if (needsTicket(preset)) setAsking(asking === ref ? null : ref);
                  else void apply(preset);
                }}
              >
                {running ? t('presetsApplying', preset.name) : t('presetsApply', preset.name)}
              </button>
              {asking === ref && (
                <TicketPrompt
                  preset={preset}
                  onApply={(ticket) => {
                    setAsking(null);
                    void apply(preset, ticket);
                  }}
                  onCancel={() => {
                    setAsking(null);
                    document.querySelector<HTMLElement>(`[data-preset-ref="${ref}"] .presets-area__apply`)?.focus();
                  }}
                />
              )}
              {failures[ref] && <p class="popup__error">{failures[ref]}</p>}
              {run && run.results.length > 0 && (
                <ul class="presets-area__results" aria-label={t('presetsResultsLabel', preset.name)}>
                  {run.results.map((entry) => {
                    const key = `${ref}|${itemKey(entry.groupId, entry.accessId)}`;
                    const group = nameOf(entry.groupId, entry.accessId);
                    const again = retries[key];
                    const ok = again ? again.phase === 'ok' : entry.ok;
                    const message = again?.phase === 'failed' ? again.message : (entry.message ?? '');
                    return (
                      <li key={key} data-ok={ok ? 'true' : 'false'}>
                        {again?.phase === 'running'
                          ? t('presetsResultRunning', group)
                          : ok
                            ? t(
                                'presetsResultOk',
                                group,
                                statusText(again?.phase === 'ok' ? again.status : entry.status),
                              )
                            : t('presetsResultFailed', group, message)}
                        {!ok && again?.phase !== 'running' && !running && (
                          <button
                            type="button"
                            class="secondary presets-area__retry"
                            aria-label={t('presetsRetryLabel', group)}
                            onClick={() => void retry(preset, entry)}
                          >
                            {t('presetsRetry')}
                          </button>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {savable.length > 0 && <SaveFavourites keys={savable} />}
    </section>
  );
}

function SaveFavourites(props: { keys: readonly string[] }) {
  return (
    <p class="presets-area__save">
      <button
        type="button"
        class="secondary"
        onClick={() => void openTab(newPresetUrl(props.keys, extensionUrl(location.pathname)))}
      >
        {t('presetsSaveFavourites')}
      </button>
    </p>
  );
}

function TicketPrompt(props: { preset: Preset; onApply(ticket: string): void; onCancel(): void }) {
  const input = useFocusOnMount<HTMLInputElement>();
  const [value, setValue] = useState('');
  const [missing, setMissing] = useState(false);
  const id = `preset-ticket-${presetRef(props.preset).replace(':', '-')}`;
  return (
    <form
      class="presets-area__ticket"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim() === '') {
          setMissing(true);
          input.current?.focus();
          return;
        }
        props.onApply(value.trim());
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        props.onCancel();
      }}
    >
      <label for={id}>{t('presetsTicketLabel', props.preset.name)}</label>
      <input
        id={id}
        ref={input}
        class="presets-area__ticket-input"
        value={value}
        autocomplete="off"
        aria-invalid={missing}
        aria-describedby={missing ? `${id}-error` : undefined}
        onInput={(e) => {
          setValue(e.currentTarget.value);
          setMissing(false);
        }}
      />
      {missing && (
        <p id={`${id}-error`} class="popup__error">
          {t('presetsTicketMissing')}
        </p>
      )}
      <div class="presets-area__ticket-actions">
        <button type="submit">{t('presetsTicketApply')}</button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t('presetsTicketCancel')}
        </button>
      </div>
    </form>
  );
}

// Rides in this chunk, which the popup loads as it mounts (LazyPresetsArea.tsx): a chunk of its own
// made the bundler split a shared module out of the first paint (issue 8's budget).
export { WaitingOnYou } from './WaitingOnYou.tsx';
