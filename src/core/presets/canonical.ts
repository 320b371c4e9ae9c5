// One key order for every preset written out, so exports diff cleanly and share codes of equal
// sets are equal. Absent optional fields stay absent.
import type { Preset, PresetEntry, PresetSet } from './schema.ts';

const entry = (e: PresetEntry): PresetEntry => ({ groupId: e.groupId, accessId: e.accessId });

export function canonicalPreset(p: Preset): Preset {
  return {
    id: p.id,
    name: p.name,
    entries: p.entries.map(entry),
    durationMinutes: p.durationMinutes,
    justification: p.justification,
    ...(p.ticketSystem !== undefined ? { ticketSystem: p.ticketSystem } : {}),
    ...(p.ticketNumber !== undefined ? { ticketNumber: p.ticketNumber } : {}),
    ...(p.appUrl !== undefined ? { appUrl: p.appUrl } : {}),
    ...(p.note !== undefined ? { note: p.note } : {}),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    tenantId: p.tenantId,
    ...(p.managed === true ? { managed: true as const } : {}),
  };
}

export function canonicalSet(set: PresetSet): PresetSet {
  return {
    format: set.format,
    version: set.version,
    ...(set.tenantId !== undefined ? { tenantId: set.tenantId } : {}),
    ...(set.exportedAt !== undefined ? { exportedAt: set.exportedAt } : {}),
    presets: set.presets.map(canonicalPreset),
  };
}
