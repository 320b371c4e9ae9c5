import { describe, expect, it } from 'vitest';
import { searchText } from '../../core/search-fold.ts';
import { item } from '../../test-support/group-items.ts';
import { typeAhead, typed } from './type-ahead.ts';

const rows = ['Alpha', 'Beta', 'Bravo', 'Straße-Ops', 'Strasse-Dev', 'Bob'].map((name) => item(name));
const searchOf = (row: (typeof rows)[number]) => searchText(row.groupName);
const press = (key: string, timeStamp: number, init: KeyboardEventInit = {}) =>
  ({ key, timeStamp, ctrlKey: false, metaKey: false, altKey: false, ...init }) as KeyboardEvent;

describe('type-ahead', () => {
  it('goes to the next row starting with a letter, round to the top, and cycles on the same letter', () => {
    Object.assign(typed, { text: '', atMs: -10_000 });
    const go = (key: string, at: number, from: number) => typeAhead(press(key, at), rows, from, searchOf);
    expect(go('b', 0, 0)).toBe(1);
    expect(go('b', 100, 1)).toBe(2);
    expect(go('b', 200, 2)).toBe(5);
    expect(go('b', 300, 5)).toBe(1);
  });

  it('matches a longer prefix from the current row, folded as the search folds (ß = ss)', () => {
    Object.assign(typed, { text: '', atMs: -10_000 });
    const at = (keys: string, from: number) =>
      [...keys].map((key, i) => typeAhead(press(key, 5_000 + i * 100), rows, from, searchOf)).at(-1);
    expect(at('strasse-d', 0)).toBe(4);
    // After a pause, typing starts over.
    expect(typeAhead(press('a', 20_000), rows, 4, searchOf)).toBe(0);
    expect(typeAhead(press('q', 20_100), rows, 0, searchOf)).toBeUndefined();
  });

  it('leaves shortcuts, Space and named keys alone', () => {
    Object.assign(typed, { text: '', atMs: 0 });
    for (const event of [press('b', 1, { ctrlKey: true }), press(' ', 1), press('Tab', 1)]) {
      expect(typeAhead(event, rows, 0, searchOf)).toBeUndefined();
    }
    expect(typed.text).toBe('');
  });
});
