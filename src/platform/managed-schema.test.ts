import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import schema from '../../public/managed-schema.json' with { type: 'json' };
import { validatePresetSet } from '../core/presets/index.ts';
import { preset, presetSet, presetSetArb } from '../core/presets/test-fixtures.ts';

// Chromium refuses to load an extension whose managed schema uses an attribute it does not know
// (components/policy/core/common/schema.cc), and drops a policy value that does not match. These
// tests keep the `presets` policy's schema inside Chromium's subset and in step with our own.

type Node = {
  type?: string;
  properties?: Record<string, Node>;
  items?: Node;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
};

const ALLOWED: Record<string, string[]> = {
  object: ['type', 'title', 'description', 'id', 'properties', 'additionalProperties', 'patternProperties', 'required'],
  array: ['type', 'title', 'description', 'id', 'items'],
  string: ['type', 'title', 'description', 'id', 'enum', 'pattern'],
  integer: ['type', 'title', 'description', 'id', 'enum', 'minimum', 'maximum'],
  boolean: ['type', 'title', 'description', 'id'],
  number: ['type', 'title', 'description', 'id'],
};

function unknownAttributes(node: Node, path: string): string[] {
  const allowed = ALLOWED[node.type ?? ''] ?? [];
  const own = Object.keys(node)
    .filter((k) => !allowed.includes(k))
    .map((k) => `${path}: ${k}`);
  const children = [
    ...Object.entries(node.properties ?? {}).map(([k, child]) => unknownAttributes(child, `${path}.${k}`)),
    ...(node.items ? [unknownAttributes(node.items, `${path}[]`)] : []),
  ];
  return [...own, ...children.flat()];
}

/** Chromium's check of a value, without the unknown properties it drops anyway. */
function matches(node: Node, value: unknown): boolean {
  switch (node.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      const record = value as Record<string, unknown>;
      if ((node.required ?? []).some((k) => !(k in record))) return false;
      return Object.entries(node.properties ?? {}).every(([k, child]) => !(k in record) || matches(child, record[k]));
    }
    case 'array':
      return Array.isArray(value) && value.every((item) => !node.items || matches(node.items, item));
    case 'string':
      return (
        typeof value === 'string' &&
        (!node.enum || node.enum.includes(value)) &&
        // RE2 searches (a partial match); the patterns are anchored.
        (!node.pattern || new RegExp(node.pattern, 'u').test(value))
      );
    case 'integer':
      return (
        Number.isInteger(value) &&
        (!node.enum || node.enum.includes(value)) &&
        (node.minimum === undefined || (value as number) >= node.minimum) &&
        (node.maximum === undefined || (value as number) <= node.maximum)
      );
    default:
      return false;
  }
}

const presetsSchema = (schema as { properties: Record<string, Node> }).properties.presets as Node;

describe('the managed storage schema', () => {
  it("uses only attributes Chromium's schema parser accepts", () => {
    expect(unknownAttributes(schema as Node, '$')).toEqual([]);
  });

  it('accepts every preset set the extension accepts (as the extension writes it)', () => {
    fc.assert(
      fc.property(presetSetArb, (set) => {
        const { presets, ...rest } = set;
        // `managed` is not in the policy schema: Chromium drops it, and the extension sets it.
        const pushed = { ...rest, presets: presets.map(({ managed: _m, ...p }) => p) };
        expect(validatePresetSet(pushed, 'file').ok).toBe(true);
        expect(matches(presetsSchema, pushed)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what policy editors can catch: wrong ids, access, durations, addresses and dates', () => {
    const groupId = '0a000000-0000-4000-8000-00000000000a';
    const good = presetSet([preset({ appUrl: 'https://portal.azure.com/#view', ticketNumber: 'INC1' })]);
    expect(matches(presetsSchema, good)).toBe(true);
    const variants: unknown[] = [
      { ...good, format: 'other' },
      { ...good, version: 2 },
      presetSet([preset({ id: 'x' })]),
      presetSet([preset({ name: '  ' })]),
      presetSet([preset({ entries: [{ groupId: 'x', accessId: 'member' }] })]),
      presetSet([preset({ entries: [{ groupId, accessId: 'guest' as never }] })]),
      presetSet([preset({ durationMinutes: 4 })]),
      presetSet([preset({ durationMinutes: 1441 })]),
      presetSet([preset({ appUrl: 'http://portal.azure.com/' })]),
      presetSet([preset({ appUrl: 'https://portal.azure.com@evil.example/' })]),
      presetSet([preset({ createdAt: 'yesterday' })]),
      presetSet([preset({ name: 'a\u0007b' })]),
    ];
    for (const value of variants) {
      expect(matches(presetsSchema, value)).toBe(false);
      expect(validatePresetSet(value, 'file').ok).toBe(false);
    }
  });
});
