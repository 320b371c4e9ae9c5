import { redact } from '../core/redact.ts';

type Level = 'info' | 'warn' | 'error';

function describe(detail: unknown): string {
  if (detail instanceof Error) return `${detail.name}: ${detail.message}`;
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}

function write(level: Level, scope: string, message: string, detail?: unknown): void {
  // Every line is redacted, so a token that slips into an error message never reaches the console.
  const line = redact(
    detail === undefined ? `[pim:${scope}] ${message}` : `[pim:${scope}] ${message} ${describe(detail)}`,
  );
  console[level](line);
}

/** The extension's only logger. Never pass it tokens; it redacts anything that looks like one anyway. */
export const log = {
  info: (scope: string, message: string, detail?: unknown) => write('info', scope, message, detail),
  warn: (scope: string, message: string, detail?: unknown) => write('warn', scope, message, detail),
  error: (scope: string, message: string, detail?: unknown) => write('error', scope, message, detail),
};
