import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shownNames, visibleText } from './shown-name.ts';

const unnamed = (id: string) => `Group without a readable name (${id})`;
const named = (groupName: string, groupId: string, accessId = 'member') => ({
  key: `${groupId}:${accessId}`,
  groupId,
  groupName,
});
const shown = (items: ReturnType<typeof named>[]) => Object.fromEntries(shownNames(items, unnamed));

describe('visibleText', () => {
  it('shows C0 controls and DEL as their control pictures', () => {
    expect(visibleText('SG\u0000Ops\u0009\u001f\u007f')).toBe('SG\u2400Ops\u2409\u241f\u2421');
  });

  it('shows bidi controls and C1 controls as code points, so the text keeps its typed order', () => {
    expect(visibleText('\u202Esnimda-GS')).toBe('\\u{202E}snimda-GS');
    expect(visibleText('a\u200Eb\u200Fc\u2066d\u2069\u202Ae\u202C\u0085')).toBe(
      'a\\u{200E}b\\u{200F}c\\u{2066}d\\u{2069}\\u{202A}e\\u{202C}\\u{85}',
    );
  });

  it('leaves ordinary text, right-to-left scripts, emoji and zero-width joiners alone', () => {
    for (const text of ['SG-Prod-SQL-Admins', 'צוות ניהול', 'فريق', '👩‍💻 Devs', 'Ad\u200Bmin', 'Équipe']) {
      expect(visibleText(text)).toBe(text);
    }
  });
});

describe('shownNames', () => {
  it('shows a name without a visible character as the label with the group id', () => {
    const names = shown([
      named('\u200B', 'g-zw'),
      named('', 'g-empty'),
      named(' \u00a0\u3164\u202E', 'g-blank'),
      named('\u0001', 'g-control'),
    ]);
    expect(names['g-zw:member']).toEqual({ text: unnamed('g-zw'), search: 'group without a readable name (g-zw)' });
    expect(names['g-empty:member']?.text).toBe(unnamed('g-empty'));
    expect(names['g-blank:member']?.text).toBe(unnamed('g-blank'));
    // A control character is shown (as ␁), so that name is not blank.
    expect(names['g-control:member']).toEqual({ text: '\u2401', search: '\u2401' });
  });

  it('gives names that look the same the shortest distinguishing end of the id, at least four characters', () => {
    const names = shown([
      named('SG-Ops', '0000-aaaa-1234'),
      named('SG-Ops', '0000-bbbb-5678'),
      named('SG-Ops', '0000-bbbb-5678', 'owner'),
      named('SG-Ops\u200B', '0000-cccc-5678'),
      named('SG-Dev', '0000-dddd-1234'),
    ]);
    expect(names['0000-aaaa-1234:member']).toEqual({ text: 'SG-Ops', suffix: '…a-1234', search: 'sg-ops ...a-1234' });
    expect(names['0000-bbbb-5678:member']).toEqual({ text: 'SG-Ops', suffix: '…b-5678', search: 'sg-ops ...b-5678' });
    expect(names['0000-bbbb-5678:owner']).toEqual(names['0000-bbbb-5678:member']);
    expect(names['0000-cccc-5678:member']).toEqual({
      text: 'SG-Ops\u200B',
      suffix: '…c-5678',
      search: 'sg-ops ...c-5678',
    });
    expect(names['0000-dddd-1234:member']).toEqual({ text: 'SG-Dev', search: 'sg-dev' });
  });

  it('treats composed and decomposed spellings as the same look', () => {
    const names = shown([named('Équipe', 'g-1111'), named('E\u0301quipe', 'g-2222')]);
    expect(names['g-1111:member']?.suffix).toBe('…1111');
    expect(names['g-2222:member']?.suffix).toBe('…2222');
  });

  it('keeps a member and an owner row of one group under one name without a suffix', () => {
    const names = shown([named('SG-Ops', 'g1'), named('SG-Ops', 'g1', 'owner')]);
    expect(names['g1:member']).toEqual({ text: 'SG-Ops', search: 'sg-ops' });
    expect(names['g1:owner']).toEqual({ text: 'SG-Ops', search: 'sg-ops' });
  });

  it('matches a right-to-left override name by the text shown', () => {
    const names = shown([named('\u202Esnimda-GS', 'g1')]);
    expect(names['g1:member']?.text).toBe('\\u{202E}snimda-GS');
    expect(names['g1:member']?.search).toContain('snimda-gs');
  });

  it('shows a printable ASCII name as it is, and finds it alike with the same name carrying an invisible character', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.nat(), (name, at) => {
        const hidden = `${name.slice(0, at % (name.length + 1))}\u200B${name.slice(at % (name.length + 1))}`;
        const names = shown([named(name, 'g-1111'), named(hidden, 'g-2222')]);
        const visible = name.trim() !== '';
        // Shown as the general rule shows it: the name itself, or the label when it is blank.
        expect(names['g-1111:member']?.text).toBe(visible ? visibleText(name) : unnamed('g-1111'));
        // Alike once the invisible character is dropped: each gets the end of its id.
        expect(names['g-1111:member']?.suffix).toBe(visible ? '…1111' : undefined);
        expect(names['g-2222:member']?.suffix).toBe(visible ? '…2222' : undefined);
      }),
    );
  });
});
