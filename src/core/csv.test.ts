import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, neutraliseFormulas, toCsv } from './csv.ts';

/** RFC 4180 as a spreadsheet reads it: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else {
          if (i >= text.length) throw new Error('unterminated quote');
          field += text[i++];
        }
      }
    } else if (text[i] === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (text.startsWith('\r\n', i)) {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      if (text[i] === '\r' || text[i] === '\n' || text[i] === '"') throw new Error(`bare ${JSON.stringify(text[i])}`);
      field += text[i++];
    }
  }
  if (field || row.length) throw new Error('missing final CRLF');
  return rows;
}

/**
 * What a spreadsheet should show for a value, written independently of csv.ts: a `'` at every
 * place a cell may start (the value's start, after `,` `;` tab CR LF) where the rest, after spaces
 * and quotes, starts a formula.
 */
function shown(value: string): string {
  const parts = value.split(/([,;\t\r\n])/);
  let out = '';
  for (let k = 0; k < parts.length; k++) {
    const rest = parts.slice(k).join('');
    // At the end, after a separator, what follows is the file's (a line break, for the last column).
    if (k % 2 === 0 && (/^[ "]*[=+\-@\t\r]/.test(rest) || (k > 0 && /^[ "]*$/.test(rest)))) out += "'";
    out += parts[k];
  }
  return out;
}

/**
 * The cells a spreadsheet splitting on `separator` sees, the way Excel reads a CSV it opens: a
 * quote counts only at the start of a cell, and line breaks end a row outside such quotes. With
 * `quotes: false` the reader ignores quotes altogether (the strictest case).
 */
function spreadsheetCells(text: string, separator: string, quotes: boolean): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (quotes && text[i] === '"') {
      i++;
      while (i < text.length && !(text[i] === '"' && text[i + 1] !== '"')) {
        cell += text[i] === '"' ? '"' : (text[i] as string);
        i += text[i] === '"' ? 2 : 1;
      }
      i++;
    }
    while (i < text.length && text[i] !== separator && text[i] !== '\r' && text[i] !== '\n') cell += text[i++];
    cells.push(cell);
    i++;
  }
  return cells;
}

/** The list separator Excel and LibreOffice use by default for each of our UI languages. */
const LOCALE_SEPARATORS = { en: ',', de: ';', fr: ';', ja: ',' } as const;

/** A cell a spreadsheet would run: after spaces and quotes, it starts with a formula character. */
const runsAsFormula = (cell: string) => /^[ "]*[=+\-@\t\r]/.test(cell);

describe('CSV export', () => {
  it('quotes fields with any locale separator, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('a\tb')).toBe('"a\tb"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(
      toCsv([
        ['a', 'b'],
        ['c,d', ''],
      ]),
    ).toBe('a,b\r\n"c,d",\r\n');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(' =1')).toBe("' =1");
    expect(csvField('"=1"')).toBe(`"'""=1"""`);
    expect(csvField('\t=1')).toBe(`"'\t'=1"`);
    expect(csvField('\r=1')).toBe(`"'\r'=1"`);
    expect(csvField('a=1')).toBe('a=1');
    expect(csvField('a - b')).toBe('a - b');
  });

  it('neutralises a formula after any separator, not only at the start (the German/French `;` case)', () => {
    expect(neutraliseFormulas('Deploy;=1+1')).toBe("Deploy;'=1+1");
    expect(csvField('Deploy;=1+1')).toBe(`"Deploy;'=1+1"`);
    expect(csvField('Deploy,=1+1')).toBe(`"Deploy,'=1+1"`);
    expect(csvField('Deploy\t+1')).toBe(`"Deploy\t'+1"`);
    expect(csvField('Deploy; -1')).toBe(`"Deploy;' -1"`);
    expect(csvField('Deploy;"@x"')).toBe(`"Deploy;'""@x"""`);
    expect(csvField('Deploy\n=cmd')).toBe(`"Deploy\n'=cmd"`);
    expect(csvField('Deploy\r\n@cmd')).toBe(`"Deploy\r\n'@cmd"`);
    expect(csvField('a;b=1')).toBe('"a;b=1"');
    expect(neutraliseFormulas(';;=')).toBe(";;'=");
    expect(csvField('Deploy;')).toBe(`"Deploy;'"`);
    expect(csvField('two\r\n')).toBe(`"two\r\n'"`);
  });

  it('a history row with `Deploy;=1+1` opens without a formula in every UI language', () => {
    const csv = toCsv([
      ['2026-11-30T05:00:00.000Z', 'Web deployers', 'Deploy;=1+1', 'INC1'],
      ['2026-11-30T06:00:00.000Z', 'Ops', 'x\t@SUM(A1)', '-1'],
    ]);
    for (const [language, separator] of Object.entries(LOCALE_SEPARATORS)) {
      for (const sep of [separator, '\t']) {
        for (const quotes of [true, false]) {
          const formulas = spreadsheetCells(csv, sep, quotes).filter(runsAsFormula);
          expect({ language, sep, quotes, formulas }).toEqual({ language, sep, quotes, formulas: [] });
        }
      }
    }
  });

  it('round-trips any table through an RFC 4180 reader, and no reader in any locale sees a formula', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', ';', ' ', '\r\n', "'"),
    );
    const text = fc.array(cell, { maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 6 }), { maxLength: 8 }), (rows) => {
        const csv = toCsv(rows);
        expect(parseCsv(csv)).toEqual(rows.map((row) => row.map(shown)));
        for (const separator of new Set([...Object.values(LOCALE_SEPARATORS), '\t'])) {
          for (const quotes of [true, false]) {
            expect(spreadsheetCells(csv, separator, quotes).filter(runsAsFormula)).toEqual([]);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is linear: a long run of separators and quotes is answered', () => {
    const value = `${';"'.repeat(200_000)}=1`;
    expect(neutraliseFormulas(value).endsWith(`;'"=1`)).toBe(true);
    expect(neutraliseFormulas(' '.repeat(500_000))).toBe(' '.repeat(500_000));
  });
});
