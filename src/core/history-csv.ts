import { toCsv } from './csv.ts';
import type { HistoryEntry, HistoryOutcome } from './history.ts';
import type { AccessId } from './pim-state.ts';

/** The column headings and value names, in the user's language (the options page passes them in). */
export interface HistoryCsvText {
  headings: {
    requestedAt: string;
    group: string;
    groupId: string;
    access: string;
    start: string;
    durationMinutes: string;
    justification: string;
    ticketSystem: string;
    ticketNumber: string;
    outcome: string;
    error: string;
  };
  access: Record<AccessId, string>;
  outcome: Record<HistoryOutcome, string>;
}

/** Times as ISO 8601 in UTC: unambiguous in any spreadsheet locale. */
const iso = (ms: number) => new Date(ms).toISOString();

/** The history as a CSV file, one row per entry in the given order, with a heading row. */
export function historyToCsv(entries: readonly HistoryEntry[], text: HistoryCsvText): string {
  const h = text.headings;
  const heading = [
    h.requestedAt,
    h.group,
    h.groupId,
    h.access,
    h.start,
    h.durationMinutes,
    h.justification,
    h.ticketSystem,
    h.ticketNumber,
    h.outcome,
    h.error,
  ];
  const rows = entries.map((e) => [
    iso(e.requestedAtMs),
    e.groupName,
    e.groupId,
    text.access[e.accessId],
    iso(e.startMs),
    String(e.durationMinutes),
    e.justification,
    e.ticketSystem ?? '',
    e.ticketNumber ?? '',
    text.outcome[e.outcome],
    e.error ?? '',
  ]);
  return toCsv([heading, ...rows]);
}

/** "pim-history-2026-11-30.csv" */
export const historyFileName = (nowMs: number) => `pim-history-${iso(nowMs).slice(0, 10)}.csv`;
