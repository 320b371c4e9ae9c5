// CSV as RFC 4180 writes it, made safe to open in a spreadsheet in any locale.
//
// The file is comma-separated, but Excel and LibreOffice split a double-clicked CSV on the
// locale's list separator: `;` in German and French, `,` in English and Japanese, and a tab when
// the user pastes or picks it. A reader splitting on `;` ignores our quotes unless a cell starts
// with one, so `Deploy;=1+1` became a cell `=1+1"` that runs as a formula. Every place where any
// reader may start a cell (the start of the value, after `,` `;` tab or a line break) is therefore
// neutralised, not only the value's start (OWASP "CSV injection").

/** Where a cell may start: after one of these, in some reader's eyes. */
const SEPARATOR = /[,;\t\r\n]/;

/**
 * A cell starting with one of these (after spaces and quotes a reader may drop) is read as a
 * formula, or, for tab and CR, stripped and the rest then read as one.
 */
const FORMULA_START = '=+-@\t\r';

/**
 * The value with a `'` (which makes a spreadsheet cell plain text) at its start and after every
 * separator where a formula would start. Linear: each lookahead scans only spaces and quotes, and
 * no two lookaheads scan the same run.
 */
export function neutraliseFormulas(value: string): string {
  let out = '';
  let cellStart = 0;
  // `<=`: a separator at the end starts a cell there too.
  for (let i = 0; i <= value.length; i++) {
    if (i > 0 && !SEPARATOR.test(value[i - 1] as string)) continue;
    // `i` is where a cell may start (0, or right after a separator).
    out += value.slice(cellStart, i);
    cellStart = i;
    if (formulaAhead(value, i)) out += "'";
  }
  return out + value.slice(cellStart);
}

function formulaAhead(value: string, at: number): boolean {
  let i = at;
  while (value[i] === ' ' || value[i] === '"') i++;
  // Past the end, after a separator, come our closing quote and the row's CRLF, which a `;`
  // reader may take for a quoted cell that starts with CR: unknown text ahead counts as a formula.
  if (i === value.length) return at > 0;
  return FORMULA_START.includes(value[i] as string);
}

/**
 * One field: neutralised against formulas, then quoted when it holds a quote, a line break or any
 * locale's separator (`,` `;` tab), so a reader splitting on any of them keeps it whole when it is
 * the row's first cell, and RFC 4180 readers always do.
 */
export function csvField(value: string): string {
  const safe = neutraliseFormulas(value);
  return /[",;\t\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows joined with CRLF (RFC 4180 §2), ending with one. */
export function toCsv(rows: ReadonlyArray<readonly string[]>): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
