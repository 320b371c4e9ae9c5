// One entry of a preset made into the activation request the background sends. The background
// uses it when a preset is applied, and the popup when it retries one failed entry with the plain
// `activate` message: both must send the same values.
import type { ActivationRequest } from '../pim-state.ts';
import type { Preset, PresetEntry } from './schema.ts';
import { expandJustification } from './template.ts';

export interface PresetActivationOptions {
  /** When the preset is applied: the day `{date}` is written for (epoch milliseconds or a Date). */
  now: number | Date;
  /** The user's locale (kept for the template; `{date}` is YYYY-MM-DD whatever it is). */
  locale?: string;
  /** A ticket number typed when applying; wins over the preset's own (an empty one means none). */
  ticketNumber?: string | undefined;
  /**
   * The group's policy maximum for this access, when known: the preset's duration is capped to it,
   * so a preset of "8 hours" still activates a group that allows 2.
   */
  maximumMinutes?: number | undefined;
}

const present = (s: string | undefined): string | undefined => {
  const trimmed = s?.trim();
  return trimmed ? trimmed : undefined;
};

/** The request for one entry: the preset's duration (capped), justification (expanded) and ticket. */
export function presetActivation(
  preset: Preset,
  entry: PresetEntry,
  options: PresetActivationOptions,
): ActivationRequest {
  const ticketNumber = present(options.ticketNumber ?? preset.ticketNumber);
  const ticketSystem = present(preset.ticketSystem);
  const max = options.maximumMinutes;
  const durationMinutes =
    max !== undefined && Number.isFinite(max) && max > 0
      ? Math.min(preset.durationMinutes, max)
      : preset.durationMinutes;
  return {
    groupId: entry.groupId,
    accessId: entry.accessId,
    durationMinutes,
    justification: expandJustification(preset.justification, {
      date: options.now instanceof Date ? options.now : new Date(options.now),
      ...(options.locale !== undefined ? { locale: options.locale } : {}),
      ...(ticketNumber !== undefined ? { ticket: ticketNumber } : {}),
    }),
    ...(ticketNumber !== undefined ? { ticketNumber } : {}),
    ...(ticketSystem !== undefined ? { ticketSystem } : {}),
  };
}
