import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchText } from './search-fold.ts';

const IGNORABLE = [
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00AD',
];

describe('searchText: full case folding', () => {
  it('folds ß, ẞ and SS to ss', () => {
    expect(searchText('Straße')).toBe('strasse');
    expect(searchText('STRAẞE')).toBe('strasse');
    expect(searchText('STRASSE')).toBe('strasse');
  });

  it('folds the final sigma to σ, so a word ending in Σ, σ or ς matches', () => {
    expect(searchText('ΟΔΟΣ')).toBe('οδοσ');
    expect(searchText('οδος')).toBe('οδοσ');
    expect(searchText('Σίσυφος')).toBe('σισυφοσ');
  });

  it('folds the Turkish dotted İ and dotless ı to i', () => {
    expect(searchText('İSTANBUL')).toBe('istanbul');
    expect(searchText('ıstanbul')).toBe('istanbul');
    expect(searchText('Istanbul')).toBe('istanbul');
    expect(searchText('DİYARBAKIR')).toBe('diyarbakir');
  });

  it('expands ligatures and compatibility forms people cannot tell apart', () => {
    expect(searchText('ﬁnance')).toBe('finance');
    expect(searchText('ＳＧ－Ｏｐｓ')).toBe(searchText('SG-Ops'));
    expect(searchText('ᾳ')).toBe('αι');
  });
});

describe('searchText: accents and composition', () => {
  it('gives the composed (NFC) and decomposed (NFD) forms the same text, accents removed', () => {
    expect(searchText('Équipe Données'.normalize('NFC'))).toBe('equipe donnees');
    expect(searchText('Équipe Données'.normalize('NFD'))).toBe('equipe donnees');
    expect(searchText('e\u0301')).toBe(searchText('\u00e9'));
    expect(searchText('Ångström')).toBe('angstrom');
  });

  it('is the same for any string in NFC, NFD, NFKC and NFKD (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const folded = searchText(s);
        for (const form of ['NFC', 'NFD', 'NFKC', 'NFKD'] as const) expect(searchText(s.normalize(form))).toBe(folded);
      }),
    );
  });
});

describe('searchText: bidi and invisible formatting characters', () => {
  it('ignores a right-to-left override and the other bidi controls', () => {
    expect(searchText('\u202Esnimda-GS\u202C')).toBe('snimda-gs');
    expect(searchText('\u2067SG\u2069-\u200EOps\u200F')).toBe('sg-ops');
  });

  it('ignores zero-width characters, the word joiner, the BOM and the soft hyphen', () => {
    expect(searchText('Ad\u200Bmin\u200C\u200D\u2060\uFEFFs')).toBe('admins');
    expect(searchText('Ad\u00ADmins')).toBe('admins');
    expect(searchText('\u200B')).toBe('');
  });

  it('gives the same text with any of them inserted anywhere (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 4 }), fc.constantFrom(...IGNORABLE))),
        (parts) => {
          const visible = parts.filter((p) => !IGNORABLE.includes(p)).join('');
          expect(searchText(parts.join(''))).toBe(searchText(visible));
        },
      ),
    );
  });
});

describe('searchText: as a folding', () => {
  it('is idempotent and ignores case (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const folded = searchText(s);
        expect(searchText(folded)).toBe(folded);
        expect(searchText(s.toUpperCase())).toBe(searchText(s.toLowerCase()));
      }),
    );
  });

  it('is plain lower case for ASCII, controls included (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), (s) => {
        expect(searchText(s)).toBe(s.toLowerCase());
      }),
    );
  });
});
