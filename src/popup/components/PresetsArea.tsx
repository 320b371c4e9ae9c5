// The popup's presets: one "Apply <name>" button each (→ `applyPreset`), a ticket number asked
// inline when the preset needs one and has none, and the last run's result per group from
// `session:presetRuns`, with Retry (the plain `activate` message) for a group that failed.
// Only the schema, the template and the request builder are imported here (and by the parts
// below): the share-code codec and its compression stay in the options page's bundle.
import { useState } from 'preact/hooks';
import { type GroupItem, itemKey, type PimSnapshot } from '../../core/pim-state.ts';
import { presetRef } from '../../core/presets/ref.ts';
import type { Preset } from '../../core/presets/schema.ts';
import { t } from '../../platform/i18n.ts';
import type { PresetRun } from '../../platform/messages.ts';
import { useFirstPages } from '../../ui/useFirstPages.ts';
import type { Announce } from '../announce.ts';
import { usePopupPresets, usePresetRuns } from '../usePopupPresets.ts';
import { PresetResults } from './PresetResults.tsx';
import { needsTicket, TicketPrompt } from './PresetTicketPrompt.tsx';
import { SaveFavourites } from './SaveFavourites.tsx';
import { type EntryResult, usePresetApply } from './usePresetApply.ts';

export interface PresetsAreaProps {
  presets: readonly Preset[];
  runs: Readonly<Record<string, PresetRun>>;
  items: readonly GroupItem[];
  favourites: readonly string[];
  clockOffset: number;
  announce: Announce;
}

export type StoredPresetsAreaProps = Omit<PresetsAreaProps, 'presets' | 'runs'> & {
  /** The cached list `items` come from: its account and read time say whether it is the first pages. */
  list: PimSnapshot | null;
};

/**
 * The area with the presets and runs read from storage (what `LazyPresetsArea` loads). While the
 * list is only the first pages of a cold open (issue 19; `cache:partialList`, cleared once the
 * list is complete), it says more groups are coming instead: presets name their groups, and
 * "Save favourites" must not save only the favourites the first pages hold. Said here, in the
 * deferred chunk, so the first paint reads nothing more.
 */
export function StoredPresetsArea({ list, ...props }: StoredPresetsAreaProps) {
  const presets = usePopupPresets();
  const runs = usePresetRuns();
  const firstPages = useFirstPages(list);
  if (firstPages === undefined) return null;
  if (firstPages) {
    return (
      <p class="popup__loading" role="status" data-testid="loading-more">
        {t('popupLoadingMore')}
      </p>
    );
  }
  return <PresetsArea {...props} presets={presets} runs={runs} />;
}

export function PresetsArea(props: PresetsAreaProps) {
  const { presets, runs, items, favourites } = props;
  const [asking, setAsking] = useState<string | null>(null);
  const byKey = new Map(items.map((i) => [i.key, i]));
  const nameOf = (entry: EntryResult) => byKey.get(itemKey(entry.groupId, entry.accessId))?.groupName ?? entry.groupId;
  const savable = favourites.filter((k) => byKey.get(k)?.eligible);
  const { sending, replies, failures, retries, apply, retry } = usePresetApply({
    byKey,
    nameOf,
    clockOffset: props.clockOffset,
    announce: props.announce,
  });

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
                <PresetResults
                  presetName={preset.name}
                  presetRef={ref}
                  run={run}
                  retries={retries}
                  running={running}
                  nameOf={nameOf}
                  onRetry={(entry) => void retry(preset, entry)}
                />
              )}
            </li>
          );
        })}
      </ul>
      {savable.length > 0 && <SaveFavourites keys={savable} />}
    </section>
  );
}
