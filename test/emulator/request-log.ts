export interface LogEntry {
  seq: number;
  /** ISO, emulator time. */
  startedAt: string;
  method: string;
  host: string;
  /** Path with query string. */
  path: string;
  /** 0 when the connection was dropped without a response. */
  status: number;
  /** Real milliseconds spent, including injected latency. */
  durationMs: number;
  area: 'graph' | 'authority';
  /** The request's `Origin` header, when it had one (browsers send it on cross-origin POSTs). */
  origin?: string;
}

/**
 * Every Graph and authority request (control calls are not logged), in the order their answers
 * went out (or their connections closed), each with the time it arrived.
 */
export class RequestLog {
  entries: LogEntry[] = [];
  /** Requests the emulator is still working on (held by latency, or being handled), whether or not their client is still there. */
  inFlight = 0;
  private seq = 0;

  add(entry: Omit<LogEntry, 'seq'>): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, ...entry });
  }

  clear(): void {
    this.entries = [];
  }
}
