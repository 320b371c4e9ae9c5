import { DIAGNOSTIC_EVENTS_KEPT, diagnosticsItem } from '../platform/items.ts';

// A short ring of service-worker starts and handled alarms. It tells support (and the idle-cost
// benchmark) how often the worker wakes; it holds names and times only, nothing about the user.

/** Identifies this service-worker instance, so a restart is visible in the record. */
export const workerInstance = crypto.randomUUID();
export const workerStartedAt = Date.now();

type DiagnosticEvent = { kind: 'worker-start' | 'alarm'; name?: string };

/** Two events in the same tick both stay: the ring is changed through the key's one queue. */
export function recordEvent(event: DiagnosticEvent): Promise<void> {
  const entry = { ...event, at: Date.now(), worker: workerInstance };
  return diagnosticsItem
    .update((current) => ({
      workerStarts: current.workerStarts + (event.kind === 'worker-start' ? 1 : 0),
      recent: [...current.recent, entry].slice(-DIAGNOSTIC_EVENTS_KEPT),
    }))
    .then(() => undefined);
}
