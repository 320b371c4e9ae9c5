import { describe, expect, it } from 'vitest';
import { parsePresetRef, presetRef } from './ref.ts';

const ID = '0e000000-0000-4000-8000-000000000002';

describe('preset refs', () => {
  it('names the organisation’s and the user’s preset with the same id differently', () => {
    expect(presetRef({ id: ID, managed: true })).toBe(`org:${ID}`);
    expect(presetRef({ id: ID })).toBe(`mine:${ID}`);
    expect(presetRef({ id: ID.toUpperCase(), managed: false })).toBe(`mine:${ID}`);
  });

  it('reads a ref back, and nothing else', () => {
    expect(parsePresetRef(`org:${ID}`)).toEqual({ origin: 'org', id: ID });
    expect(parsePresetRef(`mine:${ID.toUpperCase()}`)).toEqual({ origin: 'mine', id: ID });
    for (const bad of [
      ID,
      `org:${ID}x`,
      `Org:${ID}`,
      `other:${ID}`,
      `org:`,
      'org:not-a-guid',
      `org:${ID} `,
      '',
      42,
      null,
      {},
    ]) {
      expect(parsePresetRef(bad)).toBeUndefined();
    }
  });
});
