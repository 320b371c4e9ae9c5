import { durationToMinutes } from '../core/iso-duration.ts';
import { type GroupItem, itemKey } from '../core/pim-state.ts';
import type { MyPimData } from './pim.ts';
import type { ScheduleRequest } from './schemas.ts';

// Turns what Graph returned into the list the popup shows: one item per (group, access).

function endOf(request: ScheduleRequest, startMs: number): number | null {
  const expiration = request.scheduleInfo?.expiration;
  if (!expiration) return null;
  if (expiration.endDateTime) return expiration.endDateTime;
  const minutes = expiration.duration ? durationToMinutes(expiration.duration) : undefined;
  return minutes === undefined ? null : startMs + minutes * 60_000;
}

/**
 * The name shown for a group Graph gave no name for: `$expand=group` comes back `null` for a
 * deleted group (and, reportedly, at times for others), and not at all when the expansion was
 * refused (pim.ts). The caller passes a localised label that carries the id; the bare id is the
 * fallback for callers without one.
 */
export type UnnamedGroupLabel = (groupId: string) => string;

export function buildItems(data: MyPimData, nowMs: number, unnamed: UnnamedGroupLabel = (id) => id): GroupItem[] {
  const items = new Map<string, GroupItem>();
  // Names by group id, from whichever list carried one: requests come without `$expand`.
  const names = new Map<string, string>();
  const itemFor = (groupId: string, accessId: GroupItem['accessId'], name?: string | null): GroupItem => {
    const key = itemKey(groupId, accessId);
    let item = items.get(key);
    if (!item) {
      item = { key, groupId, groupName: groupId, accessId, eligible: false, eligibleUntilMs: null };
      items.set(key, item);
    }
    if (!names.has(groupId) && name?.trim()) names.set(groupId, name.trim());
    return item;
  };

  for (const e of data.eligibilities) {
    const end = e.endDateTime ?? null;
    if (end !== null && end <= nowMs) continue;
    const item = itemFor(e.groupId, e.accessId, e.group?.displayName);
    const laterEnd = item.eligible && (item.eligibleUntilMs === null || (end !== null && end <= item.eligibleUntilMs));
    if (!laterEnd) item.eligibleUntilMs = end;
    item.eligible = true;
  }

  for (const a of data.actives) {
    // Kept even past its end: Graph holds a group's last active owner (the watcher reports it).
    const end = a.endDateTime ?? null;
    const item = itemFor(a.groupId, a.accessId, a.group?.displayName);
    const assignmentType = a.assignmentType === 'assigned' ? 'assigned' : 'activated';
    const current = item.active;
    // Of two overlapping assignments, the one that lasts longer is what the user has.
    if (!current || (current.endMs !== null && (end === null || end > current.endMs))) {
      item.active = { assignmentType, startMs: a.startDateTime ?? nowMs, endMs: end };
    }
  }

  for (const r of data.pending) {
    const item = itemFor(r.groupId, r.accessId);
    const start = r.scheduleInfo?.startDateTime ?? null;
    const minutes = r.scheduleInfo?.expiration?.duration
      ? durationToMinutes(r.scheduleInfo.expiration.duration)
      : undefined;
    item.pending = {
      requestId: r.id,
      createdMs: r.createdDateTime ?? nowMs,
      startMs: start !== null && start > (r.createdDateTime ?? 0) + 60_000 ? start : null,
      ...(minutes !== undefined ? { durationMinutes: minutes } : {}),
      ...(r.justification ? { justification: r.justification } : {}),
    };
  }

  for (const r of data.scheduled) {
    const start = r.scheduleInfo?.startDateTime;
    if (!start || start <= nowMs) continue;
    itemFor(r.groupId, r.accessId).scheduled = { requestId: r.id, startMs: start, endMs: endOf(r, start) };
  }
  for (const item of items.values()) item.groupName = names.get(item.groupId) ?? unnamed(item.groupId);
  return [...items.values()];
}
