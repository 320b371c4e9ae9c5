// What the popup remembers for an activation: the reason, ticket and duration a click sends, and
// the reasons the form offers. Only the form and the flows use these, so they stay out of the
// first paint (model.ts holds what the list needs).
import type { Draft, Memory } from './usePopupData.ts';

export interface Remembered {
  justification?: string | undefined;
  ticketNumber?: string | undefined;
  ticketSystem?: string | undefined;
  durationMinutes?: number | undefined;
}

const filled = (value: string | undefined) => (value?.trim() ? value : undefined);

/** What a one-click activation sends: the draft, else this item's memory, else the most recent justification. */
export function remembered(draft: Draft | undefined, memory: Memory, key: string): Remembered {
  const mine = memory.perItem[key];
  return {
    justification:
      filled(draft?.justification) ?? filled(mine?.justification) ?? filled(memory.recentJustifications[0]),
    ticketNumber: filled(draft?.ticketNumber),
    ticketSystem: filled(draft?.ticketSystem) ?? filled(mine?.ticketSystem),
    durationMinutes: draft?.durationMinutes ?? mine?.durationMinutes,
  };
}

/** The last few justifications to offer: this item's first, then the most recent overall, without repeats. */
export function justificationChoices(memory: Memory, key: string, limit = 4): string[] {
  const all = [memory.perItem[key]?.justification, ...memory.recentJustifications];
  return [...new Set(all.filter((j): j is string => Boolean(j?.trim())))].slice(0, limit);
}
