// Shared by the presets tests: a valid preset to vary, and fast-check arbitraries of valid sets.
import fc from 'fast-check';
import { PRESET_LIMITS as L, PRESET_FORMAT, PRESET_FORMAT_VERSION } from './limits.ts';
import { isCleanLine, isCleanText, type Preset, type PresetSet } from './schema.ts';

export const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
export const OTHER_TENANT = 'bbbbbbbb-0000-4000-8000-000000000002';
export const GROUP_A = '0a000000-0000-4000-8000-00000000000a';
export const GROUP_B = '0b000000-0000-4000-8000-00000000000b';
export const GROUP_C = '0c000000-0000-4000-8000-00000000000c';

let counter = 0;
/** A fresh GUID per call, so presets made in one test never share an id. */
export const nextId = (): string => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

export function preset(overrides: Partial<Preset> = {}): Preset {
  return {
    id: nextId(),
    name: 'Helpdesk',
    entries: [{ groupId: GROUP_A, accessId: 'member' }],
    durationMinutes: 60,
    justification: 'Ticket {ticket}: helpdesk duty on {date}',
    ticketSystem: 'ServiceNow',
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-02T09:00:00.000Z',
    tenantId: TENANT,
    ...overrides,
  };
}

export function presetSet(presets: Preset[], extra: Partial<PresetSet> = {}): PresetSet {
  return { format: PRESET_FORMAT, version: PRESET_FORMAT_VERSION, tenantId: TENANT, presets, ...extra };
}

// ---------------------------------------------------------------------------------------------
// Arbitraries of valid presets (what the schema outputs: trimmed, lower-case GUIDs, `\n` line ends).

const guid = fc.uuid().map((u) => u.toLowerCase());

/** Any Unicode text, including astral characters, markup and quotes; bounded and clean. */
const anyText = (max: number, multiline: boolean) =>
  fc
    .string({
      unit: fc.oneof(
        fc.constantFrom('<b>', '"', "'", '{date}', '{ticket}', '\n', '\t', '&amp;'),
        fc.string({ unit: 'binary', maxLength: 1 }),
      ),
      maxLength: max,
    })
    .map((s) => (multiline ? s.replace(/\r/g, '') : s).trim().slice(0, max).trim())
    .filter((s) => s.length <= max && (multiline ? isCleanText(s) : isCleanLine(s)));

const timestamp = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const httpsUrl = fc.oneof(
  fc.constant(''),
  fc
    .webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true })
    .filter((u) => u.length <= L.url),
);

const entries = fc.uniqueArray(
  fc.record({ groupId: guid, accessId: fc.constantFrom('member' as const, 'owner' as const) }),
  {
    minLength: 1,
    maxLength: 8,
    selector: (e) => `${e.groupId}:${e.accessId}`,
  },
);

export const presetArb: fc.Arbitrary<Preset> = fc.record(
  {
    id: guid,
    name: anyText(L.name, false).filter((s) => s !== ''),
    entries,
    durationMinutes: fc.integer({ min: L.minMinutes, max: L.maxMinutes }),
    justification: anyText(L.justification, true),
    ticketSystem: anyText(L.ticket, false),
    ticketNumber: anyText(L.ticket, false),
    appUrl: httpsUrl,
    note: anyText(L.note, true),
    createdAt: timestamp,
    updatedAt: timestamp,
    tenantId: guid,
    managed: fc.constant(true as const),
  },
  { requiredKeys: ['id', 'name', 'entries', 'durationMinutes', 'justification', 'createdAt', 'updatedAt', 'tenantId'] },
);

export const presetSetArb: fc.Arbitrary<PresetSet> = fc.record(
  {
    format: fc.constant(PRESET_FORMAT),
    version: fc.constant(PRESET_FORMAT_VERSION),
    tenantId: guid,
    exportedAt: timestamp,
    presets: fc.uniqueArray(presetArb, { maxLength: 6, selector: (p) => p.id }),
  },
  { requiredKeys: ['format', 'version', 'presets'] },
);
