import * as v from 'valibot';
import { kindOf, summariseIssues } from '../core/schema-issues.ts';

// Stored values are read with valibot schemas that put damaged parts right instead of throwing the
// whole value away. valibot's own `v.fallback` does that silently; these do it with a "repair"
// issue that valibot's object, record and array schemas carry up with its full path, so the reader
// (storage.ts) can log each repair: which key, which field, what was wrong, never the value itself.

/** One field reset to its default, or one list entry dropped, by a stored-value reader. */
export interface Repair {
  readonly path: string;
  readonly action: 'reset' | 'dropped' | 'truncated';
  readonly reason: string;
}

type Issue = v.BaseIssue<unknown>;
type Dataset = { typed: boolean; value: unknown; issues?: Issue[] };
type Config = v.Config<Issue>;

const REPAIR = 'repair';

interface RepairIssue extends Issue {
  readonly type: typeof REPAIR;
  readonly action: Repair['action'];
}

const isRepair = (issue: Issue): issue is RepairIssue => issue.type === REPAIR;

const pathOf = (issue: Issue) => v.getDotPath(issue) || '(root)';

/** The first few issues, each without its value (repairs say what was done). */
const summarise = (issues: readonly Issue[]) => summariseIssues(issues, 3, isRepair);

function repairIssue(action: Repair['action'], input: unknown, reason: string): Issue {
  const issue = {
    kind: 'schema',
    type: REPAIR,
    action,
    input,
    expected: null,
    received: kindOf(input),
    message: reason,
  };
  return issue as unknown as Issue;
}

/** Whether a run produced a usable value: typed, and every issue a repair. */
function usable(dataset: Dataset): boolean {
  return dataset.typed && (dataset.issues ?? []).every(isRepair);
}

function withIndex(issues: Issue[] | undefined, input: unknown[], index: number): Issue[] {
  const pathItem = { type: 'array', origin: 'value', input, key: index, value: input[index] } as v.IssuePathItem;
  for (const issue of issues ?? []) (issue as { path?: v.IssuePathItem[] }).path = [pathItem, ...(issue.path ?? [])];
  return issues ?? [];
}

const run = (schema: v.GenericSchema, value: unknown, config: Config) =>
  schema['~run']({ value }, config) as unknown as Dataset;

/**
 * `schema`, but a value that does not fit becomes `fallback`, with a logged reason. A missing field
 * takes the fallback without a line: that is an older layout, not damage.
 */
// Pure factories: marked so the bundler drops them with the unused storage items that call them
// (the popup's first paint carries only the items it reads).
/* @__NO_SIDE_EFFECTS__ */
export function repairable<S extends v.GenericSchema>(schema: S, fallback: v.InferOutput<S>): S {
  return {
    ...schema,
    // Read by valibot's object schema when the key is absent; a copy, so callers never share it.
    fallback: () => structuredClone(fallback),
    '~run'(dataset: Dataset, config: Config) {
      const input = dataset.value;
      const out = run(schema, input, config);
      if (usable(out)) return out;
      const reason = `reset to default (${summarise(out.issues ?? []).replaceAll('(root): ', '')})`;
      return { typed: true, value: structuredClone(fallback), issues: [repairIssue('reset', input, reason)] };
    },
  } as unknown as S;
}

/**
 * An array of `item`, at most `max` long, read entry by entry: an entry that does not fit is dropped
 * (the others stay), entries past `max` are cut, and anything but an array becomes `[]`, each with
 * a logged reason.
 */
/* @__NO_SIDE_EFFECTS__ */
export function listOf<S extends v.GenericSchema>(item: S, max: number): v.GenericSchema<unknown, v.InferOutput<S>[]> {
  const base = v.array(item);
  return {
    ...base,
    fallback: () => [],
    '~run'(dataset: Dataset, config: Config) {
      const input = dataset.value;
      if (!Array.isArray(input)) {
        return { typed: true, value: [], issues: [repairIssue('reset', input, `reset to [] (got ${kindOf(input)})`)] };
      }
      const value: unknown[] = [];
      const issues: Issue[] = [];
      input.forEach((element, index) => {
        const out = run(item, element, config);
        if (!usable(out)) {
          const reason = `entry dropped (${summarise(out.issues ?? []).replaceAll('(root): ', '')})`;
          issues.push(...withIndex([repairIssue('dropped', element, reason)], input, index));
          return;
        }
        value.push(out.value);
        issues.push(...withIndex(out.issues, input, index));
      });
      if (value.length > max) {
        issues.push(
          repairIssue('truncated', input, `entries after the first ${max} dropped (${value.length} readable)`),
        );
        value.length = max;
      }
      return { typed: true, value, ...(issues.length ? { issues } : {}) };
    },
  } as unknown as v.GenericSchema<unknown, v.InferOutput<S>[]>;
}

export type Checked<T> = { ok: true; value: T; repairs: Repair[] } | { ok: false; reason: string };

/** Reads `raw` with `schema`: the value and its repairs, or why it cannot be used at all. */
export function check<S extends v.GenericSchema>(schema: S, raw: unknown): Checked<v.InferOutput<S>> {
  const out = run(schema, raw, v.getGlobalConfig());
  if (!usable(out)) return { ok: false, reason: summarise(out.issues ?? []) };
  const repairs = (out.issues ?? []).filter(isRepair).map((issue) => ({
    path: pathOf(issue),
    action: issue.action,
    reason: issue.message,
  }));
  return { ok: true, value: out.value as v.InferOutput<S>, repairs };
}
