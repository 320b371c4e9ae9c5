import { activeAccount } from '../auth/accounts.ts';
import { clip } from '../core/clip.ts';
import { operationGoalReached } from '../core/operation-goal.ts';
import { inParallel } from '../core/parallel.ts';
import {
  type AccessId,
  type ActivationOutcome,
  type ActivationRequest,
  type GroupItem,
  itemKey,
} from '../core/pim-state.ts';
import { presetActivation } from '../core/presets/activation.ts';
import { type Preset, type PresetEntry, parsePresetRef, presetRef } from '../core/presets/index.ts';
import { AppError } from '../core/result.ts';
import { t } from '../platform/i18n.ts';
import { uiLanguage } from '../platform/locale.ts';
import { log } from '../platform/log.ts';
import type { PresetRun } from '../platform/messages.ts';
import { presetRunsItem } from '../platform/preset-items.ts';
import { findPreset, rememberPresetAppUrl } from '../platform/presets.ts';
import { activate } from './activation.ts';
import { describeFailure } from './failures.ts';
import { INTERRUPTED } from './operations.ts';
import { getRequirements } from './requirements.ts';
import { singleFlight } from './single-flight.ts';

// Applying a preset: the user's click, and nothing else, activates its entries. Each entry goes
// through `activate` (its own policy checks, step-up, single flight per item, progress in
// `session:operations`, the badge and notifications), at most PRESET_PARALLELISM at once.
// The run's progress goes to `session:presetRuns` as entries finish.

export const PRESET_PARALLELISM = 4;

type EntryResult = PresetRun['results'][number];

export interface PresetRunDeps {
  activate(request: ActivationRequest): Promise<ActivationOutcome>;
  /** The group's policy maximum for that access; undefined when it cannot be read (activate then explains). */
  maximumMinutes(groupId: string, accessId: AccessId): Promise<number | undefined>;
  now(): number;
}

/** The group's policy maximum for that access (cached, or read now); undefined when it cannot be read. */
export const policyMaximum: PresetRunDeps['maximumMinutes'] = (groupId, accessId) =>
  getRequirements(groupId, accessId).then(
    (r) => r.maximumMinutes,
    () => undefined,
  );

const defaultDeps: PresetRunDeps = { activate, maximumMinutes: policyMaximum, now: () => Date.now() };

// Runs of different presets may finish entries at the same moment: every write of the runs goes
// through the item's `update` (one queue per key).
const writeRun = (run: PresetRun): Promise<void> =>
  presetRunsItem.update((runs) => ({ ...runs, [run.presetRef]: run })).then(() => undefined);

async function runEntry(
  preset: Preset,
  entry: PresetEntry,
  options: { ticketNumber: string | undefined; nowMs: number; locale: string },
  deps: PresetRunDeps,
): Promise<EntryResult> {
  const { groupId, accessId } = entry;
  try {
    const maximumMinutes = await deps.maximumMinutes(groupId, accessId).catch(() => undefined);
    const request = presetActivation(preset, entry, {
      now: options.nowMs,
      locale: options.locale,
      ticketNumber: options.ticketNumber,
      maximumMinutes,
    });
    const outcome = await deps.activate(request);
    return { groupId, accessId, ok: true, status: outcome.status };
  } catch (error) {
    const { message } = describeFailure(error, { operation: 'activate', groupName: '', accessId });
    // `session:presetRuns` keeps at most 2,000 characters per sentence.
    return { groupId, accessId, ok: false, message: clip(message, 2000) };
  }
}

/** The run without single flight, with its collaborators injectable (unit tests). */
export async function runPreset(
  request: { presetRef: string; ticketNumber?: string },
  deps: PresetRunDeps = defaultDeps,
): Promise<PresetRun> {
  const preset = await findPreset(request.presetRef);
  if (!preset) throw new AppError('presetNotFound', t('presetApplyNotFound'));
  const account = await activeAccount();
  if (!account) throw new AppError('auth-required', t('authSignInRequired'));
  if (account.tenantId && account.tenantId.toLowerCase() !== preset.tenantId)
    throw new AppError('presetOtherTenant', t('presetApplyOtherTenant', `'${preset.name}'`));

  const ref = presetRef(preset);
  const results: Array<EntryResult | undefined> = preset.entries.map(() => undefined);
  const finished = () => results.filter((r): r is EntryResult => r !== undefined);
  await writeRun({ presetRef: ref, running: true, results: [] });
  let run: PresetRun | undefined;
  try {
    // Before the entries run: the "activated" notification may come while later entries still run.
    await rememberPresetAppUrl(
      preset.entries.map((e) => itemKey(e.groupId, e.accessId)),
      preset.appUrl ?? '',
    );
    const ticketNumber = typeof request.ticketNumber === 'string' ? request.ticketNumber : undefined;
    const options = { ticketNumber, nowMs: deps.now(), locale: uiLanguage() };
    await inParallel(preset.entries, PRESET_PARALLELISM, async (entry, index) => {
      results[index] = await runEntry(preset, entry, options, deps);
      await writeRun({ presetRef: ref, running: true, results: finished() });
    });
    run = { presetRef: ref, running: false, results: finished(), finishedAtMs: deps.now() };
    const failed = run.results.filter((r) => !r.ok).length;
    log.info('presets', `applied ${ref}: ${run.results.length - failed} done, ${failed} failed`);
    return run;
  } finally {
    // Even when storage failed midway, the run must not look as if it were still going.
    await writeRun(run ?? { presetRef: ref, running: false, results: finished(), finishedAtMs: deps.now() });
  }
}

/** `applyPreset` with other collaborators (tests); each has its own single flight. */
export function applyPresetWith(deps: PresetRunDeps) {
  return singleFlight(
    (request: { presetRef: string; ticketNumber?: string }) => {
      const parsed = parsePresetRef(request.presetRef);
      return parsed ? `${parsed.origin}:${parsed.id}` : 'invalid';
    },
    (request: { presetRef: string; ticketNumber?: string }) => runPreset(request, deps),
  );
}

/** Applies a preset. A second call for the same preset while it runs (a double click) shares the run. */
export const applyPreset = applyPresetWith(defaultDeps);

/**
 * A run a stopped worker left `running` (see `markInterrupted` in operations.ts): it ends now, and
 * each entry without a result gets `describe`'s sentence, so the popup offers Retry for it.
 * Called as the worker starts, before any message can start a run (writes are queued).
 */
export async function markInterruptedRuns(
  describe: (entry: { groupId: string; accessId: AccessId }) => Promise<string>,
): Promise<number> {
  let count = 0;
  await presetRunsItem.update(async (runs) => {
    for (const run of Object.values(runs)) {
      if (!run.running) continue;
      const preset = await findPreset(run.presetRef);
      const missing = (preset?.entries ?? []).filter(
        (e) => !run.results.some((r) => r.groupId === e.groupId && r.accessId === e.accessId),
      );
      const rest = await Promise.all(
        missing.map(async (e) => ({
          groupId: e.groupId,
          accessId: e.accessId,
          ok: false,
          status: INTERRUPTED,
          message: await describe(e),
        })),
      );
      runs[run.presetRef] = { ...run, running: false, results: [...run.results, ...rest], finishedAtMs: Date.now() };
      count += 1;
    }
    return runs;
  });
  return count;
}

/** After a refresh: entries cut short whose group the new list shows activated (or waiting) went through after all. */
export function settleInterruptedRuns(items: readonly GroupItem[]): Promise<void> {
  return presetRunsItem
    .update((runs) => {
      for (const run of Object.values(runs)) {
        run.results = run.results.map((r) => {
          const item = items.find((i) => i.key === itemKey(r.groupId, r.accessId));
          if (r.ok || r.status !== INTERRUPTED || !operationGoalReached('activate', item)) return r;
          return { groupId: r.groupId, accessId: r.accessId, ok: true, status: outcomeStatusOf(item) };
        });
      }
      return runs;
    })
    .then(() => undefined);
}

const outcomeStatusOf = (item: GroupItem | undefined): ActivationOutcome['status'] =>
  item?.active ? 'active' : item?.pending ? 'pendingApproval' : 'scheduled';
