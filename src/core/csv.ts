// CSV as RFC 4180 writes it, made safe to open in a spreadsheet.

/**
 * Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (or, for tab
 * and CR, strip them and then read the rest as one). A leading `'` makes the cell plain text.
 * OWASP "CSV injection".
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: neutralised against formulas, then quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows joined with CRLF (RFC 4180 §2), ending with one. */
export function toCsv(rows: ReadonlyArray<readonly string[]>): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
