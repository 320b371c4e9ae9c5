// The matrix as a table (operation × fault → pass / FAIL / n/a), from the per-row result files the
// row files write; printed by the e2e global teardown at the end of the run.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAULTS } from './matrix.ts';

export const RESULTS_DIR = 'test-results/fault-matrix';
export const TABLE_FILE = 'test-results/fault-matrix.md';

export type Outcome = { result: 'pass' } | { result: 'fail'; error: string } | { result: 'n/a'; reason: string };

export interface RowResults {
  order: number;
  label: string;
  cells: Record<string, Outcome>;
}

/** Forgets the results of an earlier run (global setup). */
export function clearResults(): void {
  rmSync(RESULTS_DIR, { recursive: true, force: true });
}

export function writeRowResults(id: string, results: RowResults): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${id}.json`), JSON.stringify(results, null, 2));
}

const cellText = (o: Outcome | undefined) =>
  o === undefined ? 'not run' : o.result === 'pass' ? 'pass' : o.result === 'fail' ? '**FAIL**' : `n/a: ${o.reason}`;

/** The table in Markdown, or undefined when no row ran in this run. */
export function renderTable(): string | undefined {
  let files: string[];
  try {
    files = readdirSync(RESULTS_DIR).filter((f) => f.endsWith('.json'));
  } catch {
    return undefined;
  }
  if (files.length === 0) return undefined;
  const rows = files
    .map((f) => JSON.parse(readFileSync(join(RESULTS_DIR, f), 'utf8')) as RowResults)
    .sort((a, b) => a.order - b.order);
  const outcomes = rows.flatMap((r) => FAULTS.map((f) => r.cells[f.id]));
  const count = (result: Outcome['result']) => outcomes.filter((o) => o?.result === result).length;
  const lines = [
    '## Fault matrix',
    '',
    `| operation | ${FAULTS.map((f) => f.label).join(' | ')} |`,
    `| --- | ${FAULTS.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.label} | ${FAULTS.map((f) => cellText(r.cells[f.id])).join(' | ')} |`),
    '',
    `${rows.length} operations × ${FAULTS.length} faults = ${outcomes.length} cells: ${count('pass')} pass, ${count('fail')} fail, ${count('n/a')} n/a, ${outcomes.length - count('pass') - count('fail') - count('n/a')} not run.`,
  ];
  const failures = rows.flatMap((r) =>
    FAULTS.flatMap((f) => {
      const o = r.cells[f.id];
      return o?.result === 'fail' ? [`- ${r.label} × ${f.label}: ${o.error.split('\n')[0]}`] : [];
    }),
  );
  if (failures.length) lines.push('', 'Failures:', ...failures);
  return `${lines.join('\n')}\n`;
}

/** Prints the table and writes it next to the results (global teardown). */
export function printTable(): void {
  const table = renderTable();
  if (!table) return;
  writeFileSync(TABLE_FILE, table);
  process.stdout.write(`\n${table}\n(${TABLE_FILE})\n`);
}
