// Turns a row into a describe block: one browser and emulator for the row, one `it` per fault,
// each starting from a fresh tenant, its outcome recorded for the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearLog } from '../emulator-kit.ts';
import { signIn } from '../popup-kit.ts';
import { type Stack, startStack } from '../stack.ts';
import { type Cell, freshCell, printDiagnostics } from './kit.ts';
import { FAULTS, type Row, SCENARIOS } from './matrix.ts';
import { type RowResults, writeRowResults } from './table.ts';

export function defineRow(order: number, row: Row, options: { timeout?: number } = {}): void {
  describe(`fault matrix: ${row.label}`, () => {
    let stack: Stack;
    let cell: Cell | undefined;
    const results: RowResults = { order, label: row.label, cells: {} };
    beforeAll(async () => {
      stack = await startStack();
      await signIn(stack);
    });
    afterAll(async () => {
      writeRowResults(row.id, results);
      await stack?.close();
    });

    for (const fault of FAULTS) {
      const reason = row.notApplicable?.[fault.id];
      if (reason) {
        it(`${fault.label}: n/a (${reason})`, () => {
          results.cells[fault.id] = { result: 'n/a', reason };
          expect(reason.length).toBeGreaterThan(0);
        });
        continue;
      }
      it(
        fault.label,
        async () => {
          try {
            cell = await freshCell(stack, cell?.popup);
            await row.prepare(cell);
            // From here on, the log holds what the operation under the fault sent.
            await clearLog(stack);
            await SCENARIOS[fault.id](row, cell);
            expect(stack.ext.pageErrors).toEqual([]);
            results.cells[fault.id] = { result: 'pass' };
          } catch (error) {
            results.cells[fault.id] = { result: 'fail', error: error instanceof Error ? error.message : String(error) };
            await printDiagnostics(stack, cell?.popup, `${row.label} × ${fault.label}`);
            throw error;
          } finally {
            stack.ext.pageErrors.length = 0;
          }
        },
        options.timeout ?? 60_000,
      );
    }
  });
}
