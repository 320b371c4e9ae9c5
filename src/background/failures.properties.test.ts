// Property-based tests: Graph error bodies, SDK errors and anything else a call can throw become a
// code and a sentence that the operation record and the refresh status can store. A failure that
// cannot be stored would leave an activation shown as running, or the refresh spinner on, forever.
import { GraphError } from '@microsoft/microsoft-graph-client';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { GraphOperation } from '../core/graph-errors.ts';
import { AppError } from '../core/result.ts';
import { failureFromBody, GraphRequestError, toGraphRequestError } from '../graph/errors.ts';
import { operationsItem, refreshStatusItem } from '../platform/pim-items.ts';
import { describeFailure } from './failures.ts';
import { failOperation } from './operations.ts';

/** Runs per property; their sum is the number of cases this file tries. */
const RUNS = { errorBodies: 1_500, thrownAnything: 1_000 };
const TOTAL_RUNS = Object.values(RUNS).reduce((a, b) => a + b, 0);

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

const nasty = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('<img src=x onerror=alert(1)>', '\u202eevil', 'a\u200bb', '', 'RoleAssignmentExists'),
  fc.integer({ min: 2_000, max: 10_000 }).map((n) => 'E'.repeat(n)),
  // Two UTF-16 units each: a cut by characters would store twice the limit.
  fc.integer({ min: 1_000, max: 5_000 }).map((n) => '😀'.repeat(n)),
);

const errorBody = fc.oneof(
  fc.anything(),
  fc.record({ error: fc.anything() }),
  fc.record({ error: fc.record({ code: nasty, message: fc.oneof(nasty, fc.anything()) }, { requiredKeys: [] }) }),
  fc.record({ error: fc.record({ code: nasty, message: nasty }) }),
);
const headers = fc.option(fc.dictionary(fc.constantFrom('retry-after', 'date', 'x'), nasty, { maxKeys: 2 }), {
  nil: undefined,
});
const status = fc.oneof(fc.constantFrom(400, 401, 403, 404, 409, 429, 500, 503), fc.integer({ min: 0, max: 999 }));
const operation = fc.constantFrom<GraphOperation>('activate', 'deactivate', 'cancel', 'refresh', 'approve');

/** What activation, deactivation and refresh do with a described failure: store it. */
async function storeFailure(error: unknown, op: GraphOperation, groupName: string): Promise<void> {
  const failure = describeFailure(error, { operation: op, groupName, accessId: 'owner' });
  expect(typeof failure.code).toBe('string');
  expect(failure.message.trim().length).toBeGreaterThan(0);
  await failOperation('g:owner', 'activate', failure.code, failure.message);
  expect((await operationsItem.get())['g:owner']).toMatchObject({ phase: 'failed', message: failure.message });
  await refreshStatusItem.set({ refreshing: false, lastSuccessMs: 0, error: failure.message });
}

describe('failures: properties', { timeout: 60_000 }, () => {
  it('turns any Graph error body into a stored code and sentence', async () => {
    await fc.assert(
      fc.asyncProperty(status, errorBody, headers, operation, nasty, async (s, body, h, op, name) => {
        const data = failureFromBody(s, body, h);
        if ('retryAfterSeconds' in data) expect(data.retryAfterSeconds).toBeGreaterThanOrEqual(0);
        await storeFailure(new GraphRequestError(data), op, name);
      }),
      { numRuns: RUNS.errorBodies },
    );
  });

  it('turns anything thrown (SDK errors, token failures, plain values) into a stored code and sentence', async () => {
    const sdkError = fc
      .record({ statusCode: fc.integer({ min: -1, max: 600 }), code: nasty, message: nasty })
      .map(({ statusCode, code, message }) => Object.assign(new GraphError(statusCode, message), { code }));
    const thrown = fc.oneof(
      sdkError,
      fc.tuple(nasty, nasty).map(([code, message]) => new AppError(code, message)),
      nasty.map((message) => new Error(message)),
      nasty.map((message) => new SyntaxError(message)),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(thrown, operation, nasty, async (error, op, name) => {
        await storeFailure(toGraphRequestError(error), op, name);
        await storeFailure(error, op, name);
      }),
      { numRuns: RUNS.thrownAnything },
    );
  });

  it('stores a 10,000-character Graph error code and a 10,000-character library error (regression)', async () => {
    const long = 'E'.repeat(10_000);
    await storeFailure(new GraphRequestError({ status: 400, code: long, message: long }), 'activate', 'g');
    expect((await operationsItem.get())['g:owner']?.code).toHaveLength(200);
    await storeFailure(new Error(long), 'refresh', 'g');
    expect((await refreshStatusItem.get()).error?.length).toBeLessThanOrEqual(2000);
    await storeFailure(new Error('😀'.repeat(5_000)), 'refresh', 'g');
    const error = (await refreshStatusItem.get()).error ?? '';
    // Within what storage accepts, cut between two characters, not inside one.
    expect([error.length <= 2000, error.endsWith('😀…')]).toEqual([true, true]);
  });

  it(`tries ${TOTAL_RUNS} cases in all`, () => {
    console.info(`[fuzz] src/background/failures.properties.test.ts: ${TOTAL_RUNS} cases`);
    expect(TOTAL_RUNS).toBeGreaterThan(0);
  });
});
