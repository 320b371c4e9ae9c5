// Values of the activation form's inputs. Apart from format/ because only the form (loaded after
// the popup's first paint) needs them.

/** The duration choices up to the policy maximum: 30 min, 1, 2, 4, 8, 12, 24 h, … below it, then the maximum. */
export function durationSteps(maximumMinutes: number, minimumMinutes = 5): number[] {
  const steps = [30, 60, 120, 240, 480, 720, 1440, 2880, 5760, 10080];
  const max = Math.max(minimumMinutes, Math.floor(maximumMinutes));
  return [...steps.filter((s) => s >= minimumMinutes && s < max), max];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A local-time value for `<input type="datetime-local">` ("2026-12-01T09:00"). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Reads a datetime-local value as local time; undefined when empty or malformed. */
export function fromLocalInput(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const date = new Date(y ?? 0, (mo ?? 1) - 1, d, h, mi, s || 0);
  return date.getMonth() === (mo ?? 1) - 1 ? date.getTime() : undefined;
}
