import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../test/emulator/request-log.ts';
import { graphRequests, traffic } from './request-log.ts';

const T0 = Date.parse('2026-11-30T06:00:00.000Z');
let seq = 0;
const entry = (startMs: number, durationMs: number, over: Partial<LogEntry> = {}): LogEntry => ({
  seq: ++seq,
  startedAt: new Date(T0 + startMs).toISOString(),
  method: 'GET',
  host: 'graph.microsoft.com',
  path: '/v1.0/me',
  status: 200,
  durationMs,
  area: 'graph',
  ...over,
});

describe('traffic', () => {
  it('counts one round trip for requests in flight together', () => {
    expect(traffic([entry(0, 80), entry(2, 81), entry(5, 80)])).toEqual({ requests: 3, roundTrips: 1 });
  });

  it('counts each request sent after the previous answer, allowing for whole-millisecond log times', () => {
    expect(traffic([entry(0, 80), entry(79, 80), entry(160, 80)])).toEqual({ requests: 3, roundTrips: 3 });
  });

  it('finds the longest chain when parallel and sequential requests mix', () => {
    // A batch, then two pages read in parallel, then one more page of one of them.
    const log = [entry(0, 90), entry(95, 80), entry(96, 85), entry(182, 80)];
    expect(traffic(log)).toEqual({ requests: 4, roundTrips: 3 });
  });

  it('is zero without requests', () => {
    expect(traffic([])).toEqual({ requests: 0, roundTrips: 0 });
  });
});

describe('graphRequests', () => {
  it('keeps Graph calls and leaves out sign-in traffic and preflights', () => {
    const log = [entry(0, 1), entry(0, 1, { area: 'authority' }), entry(0, 1, { method: 'OPTIONS' })];
    expect(graphRequests(log)).toEqual([log[0]]);
  });
});
