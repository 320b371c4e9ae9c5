import * as v from 'valibot';

// valibot issues described without the values they carry: stored values, Graph answers and policy
// values may hold anything (a pasted token, 10,000 characters), and these descriptions go to logs
// and error details.

type Issue = v.BaseIssue<unknown>;

/** What a value is, without what it says. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array(${value.length})`;
  if (typeof value === 'string') return `string(${value.length})`;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

/**
 * One issue as "path: expected X, got Y". `ownMessage` marks issues whose message we wrote
 * ourselves (it then holds no value and is used as it is).
 */
export function describeIssue(issue: Issue, ownMessage = false): string {
  const where = `${v.getDotPath(issue) || '(root)'}: `;
  if (ownMessage) return `${where}${issue.message}`;
  if (issue.kind === 'schema') return `${where}expected ${issue.expected ?? issue.type}, got ${kindOf(issue.input)}`;
  // Validations (max_length, integer, min_value…): their name and bound, not the value.
  return `${where}${issue.type}${issue.expected ? ` ${issue.expected}` : ''}`;
}

/** The first few issues, each without its value. */
export function summariseIssues(
  issues: readonly Issue[],
  max = 3,
  ownMessage: (issue: Issue) => boolean = () => false,
): string {
  const shown = issues.slice(0, max).map((issue) => describeIssue(issue, ownMessage(issue)));
  return issues.length > max ? `${shown.join('; ')}; and ${issues.length - max} more` : shown.join('; ');
}
